package dev.paved.metrics;

import java.time.Duration;
import java.util.Locale;

/**
 * DORA's performance bands. The cut-points are Paved's reading of the Accelerate State of DevOps reports (2019,
 * 2021), whose bands are ranges with gaps and overlaps between them; the cut-points chosen, and where each gap went,
 * are listed in {@code docs/metrics.md}.
 */
public enum Band {
    ELITE, HIGH, MEDIUM, LOW;

    /** The name shown: {@code elite}, {@code high}, {@code medium}, {@code low}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Elite: at least daily; high: at least monthly; medium: at least once in six months; else low. */
    static Band ofFrequency(double perWeek) {
        double perDay = perWeek / 7;
        if (perDay >= 1) {
            return ELITE;
        }
        if (perDay * 30 >= 1) {
            return HIGH;
        }
        return perDay * 182 >= 1 ? MEDIUM : LOW;
    }

    /** Elite: under an hour; high: up to a week; medium: up to six months; else low. */
    static Band ofLeadTime(Duration median) {
        if (median.compareTo(Duration.ofHours(1)) < 0) {
            return ELITE;
        }
        if (median.compareTo(Duration.ofDays(7)) <= 0) {
            return HIGH;
        }
        return median.compareTo(Duration.ofDays(182)) <= 0 ? MEDIUM : LOW;
    }

    /** Elite: under an hour; high: under a day; medium: up to a week; else low. */
    static Band ofRestore(Duration median) {
        if (median.compareTo(Duration.ofHours(1)) < 0) {
            return ELITE;
        }
        if (median.compareTo(Duration.ofDays(1)) < 0) {
            return HIGH;
        }
        return median.compareTo(Duration.ofDays(7)) <= 0 ? MEDIUM : LOW;
    }

    /** Elite: up to 15 %; high: up to 30 %; medium: up to 45 %; else low. */
    static Band ofFailureRate(double rate) {
        if (rate <= 0.15) {
            return ELITE;
        }
        if (rate <= 0.30) {
            return HIGH;
        }
        return rate <= 0.45 ? MEDIUM : LOW;
    }
}
