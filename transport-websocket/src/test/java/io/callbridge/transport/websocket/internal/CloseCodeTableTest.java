package io.callbridge.transport.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.junit.jupiter.api.Test;

/** The protocol's close-code table lists exactly the codes the server sends (the client's side: close-codes.test.js). */
class CloseCodeTableTest {
    private static final Pattern ROW = Pattern.compile("^\\| (\\d{4}) \\|");

    private static List<Integer> documented() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "bridge-protocol.md"));
        int start = lines.indexOf("### Close codes");
        assertThat(start).as("the close-code section").isNotNegative();
        List<Integer> codes = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines.subList(start, lines.size())) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                inTable = true;
                codes.add(Integer.parseInt(row.group(1)));
            } else if (inTable && !line.startsWith("|")) {
                break;
            }
        }
        return codes;
    }

    private static TreeSet<Integer> sent() throws IllegalAccessException {
        TreeSet<Integer> codes = new TreeSet<>();
        for (Field field : CloseCodes.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                codes.add(field.getInt(null));
            }
        }
        return codes;
    }

    @Test
    void theTableListsEveryCodeTheServerSendsOnceAndNothingElse() throws Exception {
        List<Integer> documented = documented();
        assertThat(documented).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(documented)).isEqualTo(sent());
    }

    @Test
    void theCodesJettySendsForUsAreJettysOwn() {
        assertThat(CloseCodes.NORMAL).isEqualTo(StatusCode.NORMAL);
        assertThat(CloseCodes.GOING_AWAY).isEqualTo(StatusCode.SHUTDOWN);
        assertThat(CloseCodes.UNSUPPORTED_VERSION).isEqualTo(StatusCode.PROTOCOL);
        assertThat(CloseCodes.INVALID_UTF8).isEqualTo(StatusCode.BAD_PAYLOAD);
        assertThat(CloseCodes.POLICY).isEqualTo(StatusCode.POLICY_VIOLATION);
        assertThat(CloseCodes.TOO_BIG).isEqualTo(StatusCode.MESSAGE_TOO_LARGE);
        assertThat(CloseCodes.SERVER_ERROR).isEqualTo(StatusCode.SERVER_ERROR);
        assertThat(CloseCodes.TRY_AGAIN_LATER).isEqualTo(StatusCode.TRY_AGAIN_LATER);
    }
}
