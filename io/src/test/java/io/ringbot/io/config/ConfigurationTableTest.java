package io.ringbot.io.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The README's configuration tables (the server's and the journal's) agree with {@link Setting}: every row names a
 * real variable and its flag, and its default is the constant the code uses; every setting has one row. A changed default fails here until the
 * README says so.
 */
class ConfigurationTableTest
{
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    /** Unset by default, said in words. */
    private static final Set<String> UNSET = Set.of("none", "generated", "");
    /** The launcher's own variable: no flag of serve. */
    private static final String LAUNCHER_ONLY = "JAVA_OPTS";

    @Test
    void shouldAgreeWithEverySettingInTheConfigurationTables() throws IOException
    {
        final List<String[]> rows = new ArrayList<>(table("## Configuration"));
        assertTrue(rows.size() > 30, "rows found: " + rows.size());
        final List<String[]> journal = table("## Firestore journal");
        assertTrue(journal.size() > 10, "journal rows found: " + journal.size());
        rows.addAll(journal);
        final EnumSet<Setting> documented = EnumSet.noneOf(Setting.class);
        for (final String[] row : rows)
        {
            final List<String> variables = codes(row[0]);
            final List<String> flags = codes(row[1]);
            if (flags.isEmpty())
            {
                assertEquals(List.of(LAUNCHER_ONLY), variables, "a row without a flag: " + String.join("|", row));
                continue;
            }
            final String[] defaults = row[2].split(",");
            assertEquals(variables.size(), flags.size(), "variables and flags of " + variables);
            assertEquals(variables.size(), defaults.length, "variables and defaults of " + variables);
            for (int i = 0; i < variables.size(); i++)
            {
                final Setting setting = setting(variables.get(i));
                assertEquals(setting.flag(), flags.get(i), "the flag of " + setting);
                assertSameDefault(setting.name(), setting.defaultValue(), defaults[i]);
                assertTrue(documented.add(setting), setting + " has two rows");
            }
        }
        assertEquals(EnumSet.allOf(Setting.class), documented, "settings without a row in the README");
    }

    @Test
    void shouldFailForADefaultThatDiffers()
    {
        assertThrows(() -> assertSameDefault("PORT", "8080", "8081"));
        assertThrows(() -> assertSameDefault("BOT_TOKEN", "", "1:x"));
        assertSameDefault("SEND_CHAT_PER_SECOND", "1", " 1.0 ");
        assertSameDefault("DATA_DIR", "data", "`./data`");
    }

    private static void assertThrows(final Runnable check)
    {
        try
        {
            check.run();
        }
        catch (final AssertionError expected)
        {
            return;
        }
        fail("no mismatch found");
    }

    private static void assertSameDefault(final String name, final String code, final String readme)
    {
        String text = readme.trim().replace("`", "");
        if (UNSET.contains(text))
        {
            text = "";
        }
        if (text.startsWith("./"))
        {
            text = text.substring(2);
        }
        if (text.equals(code))
        {
            return;
        }
        try
        {
            assertEquals(0, new BigDecimal(code).compareTo(new BigDecimal(text)), name + ": README " + readme + ", code " + code);
        }
        catch (final NumberFormatException ex)
        {
            fail(name + ": the README says the default is \"" + readme.trim() + "\", the code \"" + code + "\"");
        }
    }

    private static Setting setting(final String variable)
    {
        for (final Setting setting : Setting.values())
        {
            if (setting.envName().equals(variable))
            {
                return setting;
            }
        }
        fail("the README names " + variable + ", which is no setting");
        return null;
    }

    private static List<String> codes(final String cell)
    {
        final List<String> codes = new ArrayList<>();
        final Matcher m = CODE.matcher(cell);
        while (m.find())
        {
            codes.add(m.group(1));
        }
        return codes;
    }

    /**
     * @return the cells of the first table after the heading, header and separator left out.
     */
    private static List<String[]> table(final String heading) throws IOException
    {
        final List<String> lines = Files.readAllLines(readme(), StandardCharsets.UTF_8);
        final int start = lines.indexOf(heading);
        assertFalse(start < 0, "no \"" + heading + "\" in the README");
        final List<String[]> rows = new ArrayList<>();
        boolean inTable = false;
        for (int i = start + 1; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            if (line.startsWith("|"))
            {
                if (inTable && !line.startsWith("|---"))
                {
                    final String[] cells = line.substring(1).split("\\|", -1);
                    for (int c = 0; c < cells.length; c++)
                    {
                        cells[c] = cells[c].trim();
                    }
                    rows.add(cells);
                }
                inTable = true; // the first line is the header
            }
            else if (inTable)
            {
                break;
            }
        }
        return rows;
    }

    private static Path readme()
    {
        final Path inModule = Path.of("..", "README.md"); // surefire runs in the module's folder
        final Path atRoot = Path.of("README.md");
        final Path readme = Files.exists(inModule) ? inModule : atRoot;
        assertNotNull(readme);
        assertTrue(Files.exists(readme), "README.md not found from " + Path.of("").toAbsolutePath());
        return readme;
    }
}
