package dev.paved.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SearchAnalyzerTest {

    private static Set<String> terms(SearchAnalyzer analyzer, String text) {
        return analyzer.tokens(text).stream().map(SearchAnalyzer.Token::term).collect(Collectors.toSet());
    }

    @Test
    void identifiersInEveryStyleGiveTheWordsOfTheName() {
        SearchAnalyzer index = SearchAnalyzer.forIndex();
        Set<String> query = terms(SearchAnalyzer.forQuery(), "customer api");
        for (String id : List.of("customer-api", "CustomerApi", "customer_api", "customerApi", "Customer API")) {
            assertTrue(terms(index, id).containsAll(query), id + " gives " + terms(index, id));
        }
        assertTrue(terms(index, "CustomerApi").contains("customerapi"), "the whole identifier is kept too");
    }

    @Test
    void pluralsStemAndStopWordsGo() {
        assertEquals(Set.of("service", "query", "database"), terms(SearchAnalyzer.forQuery(),
                "the services and queries of databases"));
        assertEquals(Set.of("v", "2", "v2", "api"), terms(SearchAnalyzer.forQuery(), "v2 API"));
    }

    @Test
    void prefixesAreTheTokensEndingWhereTheQueryEnds() {
        assertEquals(List.of("customerap", "ap"), QueryPlan.openPrefixes("billing CustomerAp"));
        assertEquals(List.of(), QueryPlan.openPrefixes("billing "), "a query ending in a space is complete");
        assertEquals(List.of(), QueryPlan.openPrefixes("b"), "a single letter completes nothing");
    }
}
