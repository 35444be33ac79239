/**
 * The small foundation every textgan module may use and that uses nothing else of textgan: durable atomic writes
 * ({@link org.textgan.common.AtomicFiles}, {@link org.textgan.common.FileTrees}), the JSON and YAML mappers
 * ({@link org.textgan.common.Json}), seed derivation ({@link org.textgan.common.Seeds}), the reserved token ids and
 * the dataset splits ({@link org.textgan.common.TokenIds}, {@link org.textgan.common.Split}).
 */
package org.textgan.common;
