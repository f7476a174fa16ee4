package org.seamless.app.security.limits;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request whose (chunked) body was read, within its limit, into memory: the rest of the chain reads it from there. */
final class BufferedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;
    private Map<String, String[]> form;

    BufferedBodyRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body is already read");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public String getHeader(String name) {
        return "content-length".equalsIgnoreCase(name) ? String.valueOf(body.length)
                : "transfer-encoding".equalsIgnoreCase(name) ? null : super.getHeader(name);
    }

    // why: the container parsed form parameters from the stream this wrapper consumed; parse them here
    @Override
    public String getParameter(String name) {
        String[] v = getParameterMap().get(name);
        return v == null || v.length == 0 ? null : v[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        if (form == null) {
            Map<String, String[]> all = new LinkedHashMap<>(super.getParameterMap());
            String type = getContentType();
            if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                for (String pair : new String(body, charset()).split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset());
                    String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset());
                    String[] old = all.get(k);
                    String[] now = old == null ? new String[] {v} : java.util.Arrays.copyOf(old, old.length + 1);
                    now[now.length - 1] = v;
                    all.put(k, now);
                }
            }
            form = Collections.unmodifiableMap(all);
        }
        return form;
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        return getParameterMap().get(name);
    }

    private Charset charset() {
        String enc = getCharacterEncoding();
        try {
            return enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
