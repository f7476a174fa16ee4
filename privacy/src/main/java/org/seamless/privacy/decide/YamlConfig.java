package org.seamless.privacy.decide;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

/** Strict YAML reading for policy configuration: unknown and duplicate keys are errors, with their path and line. */
final class YamlConfig {
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private YamlConfig() {
    }

    static <T> T read(Path path, Class<T> type) {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString(), type);
        } catch (IOException e) {
            throw new SharingRulesException(path.toString(), List.of("cannot read file: " + e.getClass().getSimpleName()));
        }
    }

    static <T> T read(InputStream in, String source, Class<T> type) {
        try {
            byte[] bytes = in.readAllBytes();
            rejectAliases(bytes, source);
            T value = MAPPER.readValue(bytes, type);
            if (value == null) {
                throw new SharingRulesException(source, List.of("the file is empty"));
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new SharingRulesException(source, List.of("unknown key '" + e.getPropertyName() + "' at "
                    + path(e) + " (line " + e.getLocation().getLineNr() + ")"));
        } catch (JsonMappingException e) {
            throw new SharingRulesException(source, List.of("invalid value at " + path(e) + " (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + "): " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new SharingRulesException(source, List.of("not valid YAML: " + e.getMessage()));
        }
    }

    /**
     * Jackson reads a YAML alias ({@code *name}) as the text "name", silently: a legal basis written
     * as an alias would come out as the anchor's name. So anchors and aliases are refused.
     */
    private static void rejectAliases(byte[] bytes, String source) {
        try {
            for (Event e : new Yaml().parse(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
                if (e instanceof AliasEvent || (e instanceof NodeEvent n && n.getAnchor() != null)) {
                    throw new SharingRulesException(source, List.of("YAML anchors and aliases (&name, *name) are not "
                            + "supported; write each value out (line " + (e.getStartMark().getLine() + 1) + ")"));
                }
            }
        } catch (YAMLException e) {
            throw new SharingRulesException(source, List.of("not valid YAML: " + e.getMessage()));
        }
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return p.isEmpty() ? "(root)" : p.substring(p.startsWith(".") ? 1 : 0);
    }
}
