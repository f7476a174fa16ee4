package org.seamless.adapters.files;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.seamless.mappings.canonical.Digests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a Seamless file consumer reads an inbox folder. Before the file component sees an
 * entry it is checked here on the name as it is on disk: a name with a path separator ({@code /} or
 * {@code \}, which the file component would turn into a path), {@code ..}, a control character, or
 * too long to carry its reports' suffixes; a symbolic link (never followed); anything but a regular
 * file with one link; anything whose real path is not directly inside the inbox. Such an entry is
 * moved (the entry itself, never a link's target) to {@code failed/} under a safe name, with a
 * {@code <name>.reason.txt} beside it, and is never read. Each entry is refused once: it leaves the
 * inbox, and if even the move fails that is logged once, not at every poll (ADR 0034).
 */
public final class InboxGuard implements GenericFileFilter<File> {
    public static final String FAILED = "failed";
    public static final String REASON_SUFFIX = ".reason.txt";
    /** Longest name a file system component may have (bytes), and the suffixes Seamless adds to an input's name. */
    static final int MAX_NAME_BYTES = 255;
    static final int LONGEST_SUFFIX = Math.max(".summary.csv".length(), REASON_SUFFIX.length());
    private static final Pattern UNSAFE = Pattern.compile("[/\\\\\\p{Cntrl}]|\\.\\.");
    private static final Logger log = LoggerFactory.getLogger(InboxGuard.class);

    private final String agencyId;
    private final Path inbox;
    private final Pattern include;
    private final Pattern exclude;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public InboxGuard(String agencyId, Path inbox, String include, String exclude) {
        this.agencyId = agencyId;
        this.inbox = inbox.toAbsolutePath().normalize();
        this.include = Pattern.compile(include);
        this.exclude = Pattern.compile(exclude);
    }

    /**
     * A guarded file consumer on {@code inbox} for names matching {@code include} (not the
     * {@code .rejects.csv} / {@code .summary.csv} reports): read once the file stops changing, then
     * moved into the folder named by header {@code folderHeader} (processed or failed).
     */
    public static Endpoint endpoint(CamelContext camel, String agencyId, String inbox, String include,
                                    String folderHeader) {
        String exclude = ".*\\.(rejects|summary)\\.csv|.*\\" + REASON_SUFFIX;
        // why: include and exclude in the URI as well make each consumer's endpoint its own
        FileEndpoint endpoint = camel.getEndpoint("file:" + inbox + "?include=" + include + "&exclude=" + exclude
                + "&readLock=changed&readLockCheckInterval=500&readLockMinAge=500"
                + "&move=${header." + folderHeader + "}/${file:name}", FileEndpoint.class);
        endpoint.setFilter(new InboxGuard(agencyId, Path.of(inbox), include, exclude));
        return endpoint;
    }

    /** The file of a guarded consumer's exchange, checked again just before it is read. */
    public static Path file(Exchange exchange) throws IOException {
        GenericFile<?> gf = exchange.getProperty(ExchangePropertyKey.FILE_EXCHANGE_FILE, GenericFile.class);
        if (gf == null && exchange.getMessage().getBody() instanceof GenericFile<?> body) {
            gf = body;
        }
        if (gf == null || !(gf.getFile() instanceof File f)) {
            throw new IOException("not a file exchange");
        }
        Path path = f.toPath().toAbsolutePath();
        String problem = problem(path.getParent(), path);
        if (problem != null) {
            // why: swapped after the poll accepted it; the next poll's check moves it to failed/
            throw new UnsafeInboxFileException(problem);
        }
        return path;
    }

    @Override
    public boolean accept(GenericFile<File> gf) {
        File f = gf.getFile();
        if (f == null) {
            return false;
        }
        Path entry = f.toPath().toAbsolutePath();
        String raw = entry.getFileName().toString();
        if (raw.startsWith(".") || Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                || !include.matcher(raw).matches() || exclude.matcher(raw).matches()) {
            return false; // why: hidden staging files, processed/ and failed/, another consumer's files
        }
        String problem = problem(inbox, entry);
        if (problem == null) {
            return true;
        }
        refuse(entry, raw, problem);
        return false;
    }

    /** The reason code an entry is refused for, or null when it may be read. */
    static String problem(Path folder, Path entry) {
        String raw = entry.getFileName().toString();
        if (UNSAFE.matcher(raw).find()) {
            return "unsafe-name";
        }
        if (raw.getBytes(StandardCharsets.UTF_8).length + LONGEST_SUFFIX > MAX_NAME_BYTES) {
            return "name-too-long";
        }
        if (Files.isSymbolicLink(entry)) {
            return "symbolic-link";
        }
        if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
            return "not-a-regular-file";
        }
        try {
            Path real = entry.toRealPath(LinkOption.NOFOLLOW_LINKS);
            if (!real.getParent().equals(folder.toRealPath())) {
                return "outside-inbox";
            }
            Object links = Files.getAttribute(entry, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            if (links instanceof Integer n && n > 1) {
                return "hard-link";
            }
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return null; // why: no unix attributes on this file system; the other checks stand
        } catch (IOException e) {
            return "unreadable";
        }
        return null;
    }

    private void refuse(Path entry, String raw, String problem) {
        String safe = safeName(raw);
        try {
            Path failed = Files.createDirectories(inbox.resolve(FAILED));
            Path target = failed.resolve(safe);
            for (int i = 1; Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                    || Files.exists(failed.resolve(target.getFileName() + REASON_SUFFIX)); i++) {
                target = failed.resolve(withCounter(safe, i));
            }
            Files.move(entry, target); // why: moves a link itself, never its target
            Files.writeString(failed.resolve(target.getFileName() + REASON_SUFFIX),
                    "reason=" + problem + "\ndetail=" + detail(problem) + "\nrefused-at=" + Instant.now()
                            + "\noriginal-name-sha256=" + Digests.sha256Hex(raw) + "\n", StandardCharsets.UTF_8);
            log.warn("inbox file refused ({}) for agency {}: moved to {}/{}", problem, agencyId, FAILED,
                    target.getFileName());
        } catch (IOException | RuntimeException e) {
            if (reported.size() < 10_000 && reported.add(raw)) {
                log.warn("inbox file refused ({}) for agency {} but could not be moved to {}/ ({}); it is not read",
                        problem, agencyId, FAILED, e.getClass().getSimpleName());
            }
        }
    }

    static String detail(String problem) {
        return switch (problem) {
            case "unsafe-name" -> "the name holds a path separator (/ or \\), '..' or a control character";
            case "name-too-long" -> "the name is longer than " + (MAX_NAME_BYTES - LONGEST_SUFFIX)
                    + " bytes, so its reports cannot be written beside it";
            case "symbolic-link" -> "a symbolic link; links in an inbox are never followed";
            case "not-a-regular-file" -> "not a regular file";
            case "outside-inbox" -> "its real path is not inside the inbox";
            case "hard-link" -> "a file with more than one hard link";
            default -> "the file cannot be checked";
        };
    }

    /** The name with anything but letters, digits, '.', '-' and '_' replaced, short enough for a reason file. */
    static String safeName(String raw) {
        String safe = raw.replaceAll("[^A-Za-z0-9._-]", "_").replace("..", "__");
        if (safe.startsWith(".")) {
            safe = "_" + safe;
        }
        int max = MAX_NAME_BYTES - LONGEST_SUFFIX - 8; // room for a counter
        if (safe.length() > max) {
            int dot = safe.lastIndexOf('.');
            String ext = dot > 0 && safe.length() - dot <= 10 ? safe.substring(dot) : "";
            String hash = Digests.sha256Hex(raw).substring(0, 12);
            safe = safe.substring(0, max - ext.length() - hash.length() - 1) + "~" + hash + ext;
        }
        return safe;
    }

    private static String withCounter(String safe, int i) {
        int dot = safe.lastIndexOf('.');
        return dot > 0 ? safe.substring(0, dot) + "~" + i + safe.substring(dot) : safe + "~" + i;
    }

    /** An inbox entry that changed into something unsafe between the poll and the read. */
    public static final class UnsafeInboxFileException extends IOException {
        public UnsafeInboxFileException(String problem) {
            super("inbox file refused: " + problem);
        }
    }
}
