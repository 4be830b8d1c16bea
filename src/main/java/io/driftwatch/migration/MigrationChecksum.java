package io.driftwatch.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum Flyway records for a SQL migration: CRC32 over the file's lines, without line breaks and
 * without a leading byte-order mark, as a signed int. Checked against Flyway's own records by a test.
 */
final class MigrationChecksum {

    private MigrationChecksum() {
    }

    static int of(String text) {
        CRC32 crc = new CRC32();
        try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
            boolean first = true;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (first && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                first = false;
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) crc.getValue();
    }
}
