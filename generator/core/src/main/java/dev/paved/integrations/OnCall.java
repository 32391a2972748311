package dev.paved.integrations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is on call for an entity and what is open: a PagerDuty service's escalation policy, its on-call users by
 * escalation level and its open incidents; or an Opsgenie team's schedules' on-call participants and its open
 * alerts.
 *
 * @param name           the service or team, as the service names it
 * @param policy         the escalation policy, or empty
 * @param policyLink     its web page, or empty
 * @param askedOnCall    whether who is on call was asked (an Opsgenie component selector asks only alerts)
 * @param responders     who is on call now, by escalation level
 * @param openTitle      what the open items are called ({@code Open incidents}, {@code Open alerts})
 * @param askedOpen      whether open incidents or alerts were asked
 * @param open           the open incidents or alerts, newest first
 */
public record OnCall(String name, String policy, String policyLink, boolean askedOnCall, List<Responder> responders,
                     String openTitle, boolean askedOpen, List<Incident> open) implements Reading {

    public OnCall {
        responders = List.copyOf(responders);
        open = List.copyOf(open);
    }

    /**
     * Someone on call.
     *
     * @param name     their name (an Opsgenie participant's user name)
     * @param link     their profile's web page, or empty
     * @param level    their escalation level (1 is paged first), or 0 when the service has none
     * @param schedule the schedule that puts them on call, or empty
     * @param until    when their shift ends (ISO 8601), or empty
     */
    public record Responder(String name, String link, int level, String schedule, String until) {
    }

    /**
     * An open incident or alert.
     *
     * @param number  its number ({@code #1234}), or empty
     * @param title   its title
     * @param status  {@code triggered}, {@code acknowledged}, {@code open}…
     * @param urgency its urgency or priority ({@code high}, {@code P1})
     * @param created when it began (ISO 8601), or empty
     * @param link    its web page, or empty
     */
    public record Incident(String number, String title, String status, String urgency, String created,
                           String link) {
    }

    @Override
    public String kind() {
        return "oncall";
    }

    /** {@code hasOnCall} (someone is on call), when asked; {@code openIncidents} (how many), when asked. */
    @Override
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (askedOnCall) {
            facts.put("hasOnCall", !responders.isEmpty());
        }
        if (askedOpen) {
            facts.put("openIncidents", open.size());
        }
        return facts;
    }
}
