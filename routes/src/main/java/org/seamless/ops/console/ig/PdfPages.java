package org.seamless.ops.console.ig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Writes the IG PDFs (the disclosure report, the subject access export) top to bottom on A4 pages in the
 * standard Type 1 fonts, starting a new page when one is full; a character the font cannot encode is
 * written as {@code ?}.
 */
public final class PdfPages {
    private static final float MARGIN = 50;
    public final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    public final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDDocument doc;
    private final float size;
    private final float leading;
    private PDPageContentStream stream;
    private float y;

    /** {@code size}: the body text's font size; {@code leading}: the distance between lines of body text. */
    public PdfPages(PDDocument doc, float size, float leading) throws IOException {
        this.doc = doc;
        this.size = size;
        this.leading = leading;
        newPage();
    }

    private void newPage() throws IOException {
        if (stream != null) {
            stream.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        stream = new PDPageContentStream(doc, page);
        y = page.getMediaBox().getHeight() - MARGIN;
    }

    /** A bold heading of a section, after a gap. */
    public void section(String title) throws IOException {
        gap();
        line(bold, 12, title);
    }

    public void line(PDType1Font font, float fontSize, String text) throws IOException {
        if (y < MARGIN + leading) {
            newPage();
        }
        stream.beginText();
        stream.setFont(font, fontSize);
        stream.newLineAtOffset(MARGIN, y);
        stream.showText(encodable(font, text));
        stream.endText();
        y -= Math.max(leading, fontSize + 4);
    }

    /** Body text in the regular font, broken into lines at spaces to fit the page width. */
    public void wrapped(String text) throws IOException {
        float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : encodable(regular, text).split(" ")) {
            String next = current.isEmpty() ? word : current + " " + word;
            if (!current.isEmpty() && regular.getStringWidth(next) / 1000 * size > width) {
                lines.add(current.toString());
                current = new StringBuilder(word);
            } else {
                current = new StringBuilder(next);
            }
        }
        lines.add(current.toString());
        for (String l : lines) {
            line(regular, size, l);
        }
    }

    public void gap() {
        y -= leading / 2;
    }

    public void close() throws IOException {
        stream.close();
    }

    private static String encodable(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            try {
                font.encode(c);
                out.append(c);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }
}
