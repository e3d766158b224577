package io.pushway.model;

import java.util.Collection;
import java.util.List;

/**
 * Which topics a token may publish to or subscribe to, from its optional {@code push_topics} claim:
 * a list of exact names and {@code prefix.*} patterns ({@code news.*} matches {@code news.sports} and
 * {@code news.sports.eu}, not {@code news}). A token without the claim is not limited.
 */
public final class TopicAccess {

    /** The claim's name in the access token. */
    public static final String CLAIM = "push_topics";

    private static final TopicAccess UNLIMITED = new TopicAccess(null);

    private final List<String> patterns;

    private TopicAccess(List<String> patterns) {
        this.patterns = patterns;
    }

    /** Access as the claim grants it; {@code null} (no claim) grants every topic. */
    public static TopicAccess of(Collection<String> claim) {
        return claim == null ? UNLIMITED : new TopicAccess(List.copyOf(claim));
    }

    /** Whether {@code topic} may be used. */
    public boolean allows(String topic) {
        if (patterns == null) {
            return true;
        }
        for (String pattern : patterns) {
            if (pattern.equals(topic)
                    || pattern.endsWith(".*") && topic.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
