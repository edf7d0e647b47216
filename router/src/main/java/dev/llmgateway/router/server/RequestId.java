package dev.llmgateway.router.server;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The id of one request: the client's {@code x-request-id} when it is short and plain, otherwise a
 * new random one. Returned in the response header and written in every log line of the request.
 */
record RequestId(String value) {

    private static final int MAX_LENGTH = 128;

    static RequestId acceptOrCreate(String offered) {
        if (offered != null && !offered.isEmpty() && offered.length() <= MAX_LENGTH && plain(offered)) {
            return new RequestId(offered);
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new RequestId("req_" + Long.toHexString(r.nextLong() | Long.MIN_VALUE)
                + Long.toHexString(r.nextLong() | Long.MIN_VALUE));
    }

    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
