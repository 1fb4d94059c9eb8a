package org.sparksegments.jobs.catalog;

/** An external table: its source, the key column and the profile field the key matches. */
public record ExternalTable(String name, TableSource source, String key, String profileField) {}
