package io.callbridge.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM has no parent (it must not hand vendors the build's settings), so it repeats the third-party versions: they
 * must be the ones the build uses, and every one must manage something.
 */
class BomVersionsTest {
    private static final List<String> MUST_ALIGN = List.of("jackson.version", "jetty.version", "guice.version",
            "lettuce.version", "slf4j.version");

    @Test
    void theBomManagesTheThirdPartyVersionsOfTheBuild() throws Exception {
        Element bom = root(Path.of("..", "bom", "pom.xml"));
        Map<String, String> bomVersions = properties(bom);
        Map<String, String> buildVersions = properties(root(Path.of("..", "pom.xml")));

        assertThat(bomVersions).containsKeys(MUST_ALIGN.toArray(String[]::new));
        bomVersions.forEach((name, version) -> {
            assertThat(buildVersions).as("the build's %s", name).containsEntry(name, version);
        });
        String managed = text(bom, "dependencyManagement");
        bomVersions.keySet().forEach(name -> assertThat(managed).as("a dependency managed at ${%s}", name)
                .contains("${" + name + "}"));
        assertThat(managed).contains("jackson-bom", "jetty-bom", "guice", "lettuce-core", "slf4j-api");
    }

    private static Element root(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    private static Map<String, String> properties(Element project) {
        Map<String, String> out = new TreeMap<>();
        NodeList children = project.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals("properties")) {
                NodeList props = e.getChildNodes();
                for (int j = 0; j < props.getLength(); j++) {
                    Node p = props.item(j);
                    if (p instanceof Element prop && prop.getTagName().endsWith(".version")) {
                        out.put(prop.getTagName(), prop.getTextContent().strip());
                    }
                }
            }
        }
        return out;
    }

    private static String text(Element project, String tag) {
        StringBuilder b = new StringBuilder();
        NodeList found = project.getElementsByTagName(tag);
        for (int i = 0; i < found.getLength(); i++) {
            b.append(found.item(i).getTextContent());
        }
        return b.toString();
    }
}
