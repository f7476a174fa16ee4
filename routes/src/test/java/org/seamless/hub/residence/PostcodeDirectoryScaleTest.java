package org.seamless.hub.residence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Footprint and load time for a generated directory the size of the full ONSPD (2.7 million
 * rows, a third terminated). Opt-in: {@code -Dseamless.bench=true}.
 */
@EnabledIfSystemProperty(named = "seamless.bench", matches = "true")
class PostcodeDirectoryScaleTest {
    private static final int ROWS = 2_700_000;

    @Test
    void fullSizeDirectoryFitsInAFewTensOfMegabytes() throws IOException {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long started = System.nanoTime();
        PostcodeDirectory d = OnspdReader.read(new GeneratedOnspd(ROWS), "generated");
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        System.out.printf("ONSPD scale: %d rows, %d live, approx %d MiB held, heap delta %d MiB, %d ms%n",
                ROWS, d.size(), d.approximateBytes() >> 20, (after - before) >> 20, millis);
        assertThat(d.size()).isGreaterThan(ROWS / 2);
        assertThat(d.approximateBytes()).isLessThan(32L << 20);
        assertThat(d.laOfPostcode(Postcodes.normalise(GeneratedOnspd.postcode(4)).orElseThrow())).isPresent();
    }

    /** ONSPD-shaped rows made on the fly, so no 700 MB file is needed. */
    private static final class GeneratedOnspd extends Reader {
        private final int rows;
        private int row = -1;
        private String current = "pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,ctry\n";
        private int pos;

        GeneratedOnspd(int rows) {
            this.rows = rows;
        }

        static String postcode(int i) {
            String letters = "ABDEFGHJLNPQRSTUWXYZ";
            String area = "" + (char) ('A' + i % 26) + (char) ('A' + (i / 26) % 26);
            int district = (i / 676) % 99 + 1;
            int sector = (i / 66924) % 10;
            return area + district + " " + sector + letters.charAt((i / 7) % 20) + letters.charAt(i % 20);
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (pos == current.length()) {
                if (++row >= rows) {
                    return -1;
                }
                String pc = postcode(row);
                String doterm = row % 3 == 0 ? "201801" : "";
                current = "\"" + pc + "\",\"" + pc + "\",\"" + pc + "\",\"198001\",\"" + doterm + "\",\"E99999999\","
                        + "\"E99999999\",\"E0" + (6000001 + row % 380) + "\",\"E05000001\",\"E92000001\"\n";
                pos = 0;
            }
            int n = Math.min(len, current.length() - pos);
            current.getChars(pos, pos + n, buf, off);
            pos += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
