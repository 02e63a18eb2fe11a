/**
 * The inspection tool ({@code ./ringbot inspect}): reads a data folder's store, counters and error log, of a
 * running server or a stopped one, also after a crash; {@code import} writes records while no server holds the
 * folder.
 * <p>
 * Thread: the tool's own {@code main}, in a process of its own. Files: it reads the server's data folder
 * ({@code <type>.cm3}, {@code <type>.schema.json}, {@code counters.dat}, {@code update-ids.window},
 * {@code ringbot.lock}, {@code open.marker}) and owns none; {@code import} writes a record map.
 */
package io.ringbot.tools;
