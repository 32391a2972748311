package dev.paved.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DORA's four keys over a set of production deployments in the window.
 *
 * @param deployments       how many production deployments the window holds
 * @param perWeek           deployments per week over the window
 * @param weekly            deployments per week, oldest week first, the last ending at the build's time
 * @param medianLeadTime    the median lead time of the deployments whose change is known
 * @param leadTimes         how many deployments' lead time is known
 * @param changeFailureRate failed deployments over all, when there are any
 * @param medianRestore     the median time to restore of the failed ones that were restored
 * @param bands             each key's band by name ({@code deploymentFrequency}, {@code leadTime},
 *                          {@code changeFailureRate}, {@code timeToRestore}); a key without data has none
 */
public record Figures(int deployments, double perWeek, List<Integer> weekly, Optional<Duration> medianLeadTime,
                      int leadTimes, Optional<Double> changeFailureRate, Optional<Duration> medianRestore,
                      Map<String, Band> bands) {

    public Figures {
        weekly = List.copyOf(weekly);
        bands = Map.copyOf(bands);
    }

    /** The figures of {@code all}'s production deployments in the window ending at {@code asOf}. */
    static Figures of(List<Deployment> all, Instant asOf, Duration window) {
        Instant since = asOf.minus(window);
        List<Deployment> prod = all.stream().filter(Deployment::production)
                .filter(d -> d.time().isAfter(since) && !d.time().isAfter(asOf))
                .sorted(Comparator.comparing(Deployment::time)).toList();
        double weeks = window.toHours() / (24.0 * 7);
        double perWeek = weeks <= 0 ? 0 : prod.size() / weeks;
        int weekCount = (int) Math.max(1, Math.min(26, Math.ceil(weeks)));
        List<Integer> weekly = new ArrayList<>();
        for (int k = weekCount - 1; k >= 0; k--) {
            Instant end = asOf.minus(Duration.ofDays(7L * k));
            Instant start = end.minus(Duration.ofDays(7));
            weekly.add((int) prod.stream().filter(d -> d.time().isAfter(start) && !d.time().isAfter(end)).count());
        }
        List<Duration> leads = prod.stream().flatMap(d -> d.leadTime().stream()).toList();
        Optional<Duration> lead = median(leads);
        Optional<Double> failureRate = prod.isEmpty() ? Optional.empty()
                : Optional.of(prod.stream().filter(Deployment::failed).count() / (double) prod.size());
        Optional<Duration> restore = median(prod.stream().flatMap(d -> d.restoredAfter().stream()).toList());
        Map<String, Band> bands = new LinkedHashMap<>();
        bands.put("deploymentFrequency", Band.ofFrequency(perWeek));
        lead.ifPresent(l -> bands.put("leadTime", Band.ofLeadTime(l)));
        failureRate.ifPresent(r -> bands.put("changeFailureRate", Band.ofFailureRate(r)));
        restore.ifPresent(r -> bands.put("timeToRestore", Band.ofRestore(r)));
        return new Figures(prod.size(), perWeek, weekly, lead, leads.size(), failureRate, restore, bands);
    }

    /** The median: the middle one, or the mean of the middle two. */
    static Optional<Duration> median(List<Duration> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return Optional.of(n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2))
                .dividedBy(2));
    }
}
