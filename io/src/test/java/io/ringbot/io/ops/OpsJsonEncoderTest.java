package io.ringbot.io.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The ops documents through Jackson's generator: the same bytes the endpoints have always sent, valid JSON,
 * and one encoder reused document after document.
 */
class OpsJsonEncoderTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldEscapeAsTheEndpointsAlwaysHave() throws Exception
    {
        final String text = "q\"b\\n\nr\rt\t\u0001\b\f<script>&amp; é 😀 \u007f";
        final String doc = new OpsJsonEncoder(64).begin().startObject().field("s", text).endObject().finish().toString();
        assertEquals("{\"s\":\"q\\\"b\\\\n\\nr\\rt\\t\\u0001\\u0008\\u000c\\u003cscript>\\u0026amp; é 😀 \u007f\"}", doc);
        assertEquals(text, JSON.readTree(doc).get("s").asText());
    }

    @Test
    void shouldWriteWholeDoublesAsIntegersAndNonFiniteAsNull() throws Exception
    {
        final String doc = new OpsJsonEncoder(64).begin().startArray()
            .value(2.0).value(0.25).value(-3.0).value(1e15).value(Double.NaN).value(Double.POSITIVE_INFINITY)
            .value(Long.MAX_VALUE).value(true).value((String)null)
            .endArray().finish().toString();
        assertEquals("[2,0.25,-3,1.0E15,null,null,9223372036854775807,true,null]", doc);
        final JsonNode tree = JSON.readTree(doc);
        assertEquals(9, tree.size());
    }

    @Test
    void shouldReuseOneEncoderForDocumentAfterDocument()
    {
        final OpsJsonEncoder encoder = new OpsJsonEncoder(16);
        assertEquals("{\"a\":1}", encoder.begin().startObject().field("a", 1).endObject().finish().toString());
        assertEquals("{\"b\":[{\"c\":\"d\"},{}],\"e\":{\"raw\":true}}", encoder.begin().startObject()
            .name("b").startArray().startObject().field("c", "d").endObject().startObject().endObject().endArray()
            .name("e").raw("{\"raw\":true}")
            .endObject().finish().toString());
    }

    @Test
    void shouldStartCleanAfterADocumentLeftUnfinished()
    {
        final OpsJsonEncoder encoder = new OpsJsonEncoder(16);
        encoder.begin().startObject().name("half").startArray().value(1); // e.g. a source threw midway
        assertEquals("{\"whole\":true}", encoder.begin().startObject().field("whole", true).endObject().finish().toString());
    }

    @Test
    void shouldRefuseAValueWhereANameBelongs()
    {
        final OpsJsonEncoder encoder = new OpsJsonEncoder(16).begin().startObject();
        assertThrows(RuntimeException.class, () -> encoder.value(1));
    }
}
