/**
 * The read-only questions the command line asks of an evaluation (sampled counts, counts per
 * condition node, the selected rows, the members' history, the plan), answered as plain Java
 * values or, for writers, as a frame: the Spark columns behind each answer are built here, so
 * that the command line only parses options and prints.
 */
package org.sparksegments.jobs.query;
