package dev.paved.catalog;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a string parses as a URL by the WHATWG URL standard (with no base), as {@code new URL(...)} in Node and in
 * browsers does: Backstage checks {@code metadata.links[].url} so. Only failures matter here, so the parser follows
 * the standard's steps that can fail (scheme, host, port) and skips those that only percent-encode (user info, path,
 * query, fragment): {@code https://github.com/{{org}}/x} and spaces in a path are accepted; no scheme, an empty host
 * after {@code http://}, a space in a host, a port above 65535 or a bad IPv4 or IPv6 address are not.
 */
final class WebUrl {

    private static final Set<String> SPECIAL = Set.of("ftp", "http", "https", "ws", "wss");
    private static final String FORBIDDEN_HOST = "\0\t\n\r #/:<>?@[\\]^|";

    private WebUrl() {
    }

    static boolean isValid(String text) {
        String input = strip(text);
        int colon = input.indexOf(':');
        if (colon < 1 || !input.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            return false; // no scheme: relative, which needs a base
        }
        String scheme = input.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = input.substring(colon + 1);
        if (SPECIAL.contains(scheme)) {
            int start = 0;
            while (start < rest.length() && (rest.charAt(start) == '/' || rest.charAt(start) == '\\')) {
                start++;
            }
            return authority(rest.substring(start), true);
        }
        if (scheme.equals("file")) {
            return true; // a file URL's host may be empty; what a link may hold is no concern of Backstage's check
        }
        return !rest.startsWith("//") || authority(rest.substring(2), false);
    }

    /** Leading and trailing C0 controls and spaces go; tabs and newlines anywhere are removed. */
    private static String strip(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && text.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) <= ' ') {
            to--;
        }
        return text.substring(from, to).replaceAll("[\t\n\r]", "");
    }

    private static boolean authority(String rest, boolean special) {
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0 && !(special && rest.charAt(end) == '\\')) {
            end++;
        }
        String authority = rest.substring(0, end);
        int at = authority.lastIndexOf('@');
        String hostPort = authority.substring(at + 1);
        String host = hostPort;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                return false;
            }
            host = hostPort.substring(0, close + 1);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                return false;
            }
            port = after.isEmpty() ? null : after.substring(1);
        } else if (hostPort.indexOf(':') >= 0) {
            host = hostPort.substring(0, hostPort.indexOf(':'));
            port = hostPort.substring(hostPort.indexOf(':') + 1);
            if (host.isEmpty()) {
                return false;
            }
        }
        if (host.isEmpty()) {
            return !special && at < 0; // user info needs a host; a special URL always does
        }
        if (port != null && !port.isEmpty() && (!port.matches("[0-9]+") || port.length() > 5
                || Integer.parseInt(port) > 65535)) {
            return false;
        }
        if (host.startsWith("[")) {
            return host.endsWith("]") && ipv6(host.substring(1, host.length() - 1));
        }
        return special ? domain(host) : host.chars().noneMatch(c -> FORBIDDEN_HOST.indexOf(c) >= 0);
    }

    private static boolean domain(String host) {
        String ascii = percentDecode(host);
        if (ascii.chars().anyMatch(c -> c > 0x7f)) {
            try {
                ascii = IDN.toASCII(ascii, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        ascii = ascii.toLowerCase(Locale.ROOT);
        if (ascii.isEmpty() || ascii.chars().anyMatch(c -> c < 0x20 || c == '%' || c == 0x7f
                || FORBIDDEN_HOST.indexOf(c) >= 0)) {
            return false;
        }
        return !endsInNumber(ascii) || ipv4(ascii);
    }

    private static String percentDecode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2])) {
                out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean hex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static boolean endsInNumber(String host) {
        String[] parts = host.split("\\.", -1);
        int last = parts.length - 1;
        if (parts[last].isEmpty()) {
            if (parts.length == 1) {
                return false;
            }
            last--;
        }
        return parts[last].matches("[0-9]+") || ipv4Number(parts[last]) >= 0;
    }

    private static boolean ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        int n = parts.length;
        if (n > 1 && parts[n - 1].isEmpty()) {
            n--;
        }
        if (n > 4) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            long value = ipv4Number(parts[i]);
            if (value < 0 || i < n - 1 && value > 255 || i == n - 1 && value >= 1L << (8 * (5 - n))) {
                return false;
            }
        }
        return true;
    }

    /** A part of an IPv4 address (decimal, {@code 0x} hex or {@code 0} octal), or -1. */
    private static long ipv4Number(String part) {
        if (part.isEmpty()) {
            return -1;
        }
        boolean hexadecimal = part.length() >= 2 && part.charAt(0) == '0'
                && (part.charAt(1) == 'x' || part.charAt(1) == 'X');
        boolean octal = !hexadecimal && part.length() >= 2 && part.charAt(0) == '0';
        int radix = hexadecimal ? 16 : octal ? 8 : 10;
        String digits = hexadecimal ? part.substring(2) : octal ? part.substring(1) : part;
        if (digits.isEmpty()) {
            return 0;
        }
        if (!digits.chars().allMatch(c -> Character.digit(c, radix) >= 0)) {
            return -1;
        }
        if (digits.length() > 12) {
            return Long.MAX_VALUE; // a number, too big for any address
        }
        return Long.parseLong(digits, radix);
    }

    /** An IPv6 address as the standard's IPv6 parser takes it: eight pieces, one {@code ::}, an IPv4 tail. */
    private static boolean ipv6(String address) {
        String text = address;
        int pieces = 0;
        boolean compressed = false;
        if (text.startsWith("::")) {
            compressed = true;
            text = text.substring(2);
        } else if (text.startsWith(":")) {
            return false;
        }
        while (!text.isEmpty()) {
            if (pieces == 8) {
                return false;
            }
            int len = 0;
            while (len < text.length() && len < 4 && hex((byte) text.charAt(len))) {
                len++;
            }
            if (len < text.length() && text.charAt(len) == '.') {
                return pieces <= 6 && ipv4InIpv6(text) && (compressed || pieces == 6);
            }
            if (len == 0 && !text.isEmpty()) {
                return false;
            }
            pieces++;
            text = text.substring(len);
            if (text.startsWith("::")) {
                if (compressed) {
                    return false;
                }
                compressed = true;
                text = text.substring(2);
            } else if (text.startsWith(":")) {
                text = text.substring(1);
                if (text.isEmpty()) {
                    return false;
                }
            } else if (!text.isEmpty()) {
                return false;
            }
        }
        return compressed ? pieces < 8 : pieces == 8;
    }

    private static boolean ipv4InIpv6(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (!p.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
