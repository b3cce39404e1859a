package org.automigrate.engine.discovery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The XML side of a model: {@code META-INF/orm.xml} and the {@code <mapping-file>}s and {@code <class>}es
 * of {@code META-INF/persistence.xml}, read from classes directories and jars without loading anything.
 * Hibernate's native bootstrap reads neither file by itself.
 */
final class MappingFiles {
    static final String ORM_XML = "META-INF/orm.xml";
    static final String PERSISTENCE_XML = "META-INF/persistence.xml";

    /** An XML mapping file: where it is (for messages), its URL (for Hibernate) and a hash of its content. */
    record MappingFile(String location, URL url, String hash) {
    }

    /** What the XML files name: the mapping files, the classes they map with their kind, and which file named each. */
    record Found(List<MappingFile> files, Map<String, DiscoveredModel.Kind> classes, Map<String, String> namedIn) {
    }

    private MappingFiles() {
    }

    /**
     * Reads the orm.xml and persistence.xml of the given roots; mapping files named in a persistence.xml are
     * looked up in the roots first, then on the whole classpath.
     */
    static Found read(List<Path> roots, List<Path> classpath) {
        Map<String, MappingFile> files = new LinkedHashMap<>();
        Map<String, DiscoveredModel.Kind> classes = new LinkedHashMap<>();
        Map<String, String> namedIn = new LinkedHashMap<>();
        Set<String> mappingNames = new LinkedHashSet<>();
        mappingNames.add(ORM_XML);
        for (Path root : roots) {
            Optional<byte[]> persistence = resource(root, PERSISTENCE_XML);
            if (persistence.isPresent()) {
                Document document = parse(persistence.get(), location(root, PERSISTENCE_XML));
                texts(document, "mapping-file").forEach(mappingNames::add);
                for (String name : texts(document, "class")) {
                    classes.putIfAbsent(name, DiscoveredModel.Kind.ENTITY);
                    namedIn.putIfAbsent(name, location(root, PERSISTENCE_XML));
                }
            }
        }
        for (String name : mappingNames) {
            List<Path> where = new ArrayList<>(roots);
            if (!name.equals(ORM_XML)) {
                where.addAll(classpath); // a named mapping file may live anywhere on the classpath
            }
            for (Path root : where) {
                Optional<byte[]> content = resource(root, name);
                if (content.isEmpty() || files.containsKey(location(root, name))) {
                    continue;
                }
                String location = location(root, name);
                files.put(location, new MappingFile(location, url(root, name), EntityScanner.hash(content.get())));
                mapped(parse(content.get(), location), classes, namedIn, location);
                if (!name.equals(ORM_XML)) {
                    break;
                }
            }
        }
        return new Found(List.copyOf(files.values()), classes, namedIn);
    }

    /** The classes an orm.xml maps, by kind; a class name without a dot takes the file's {@code <package>}. */
    private static void mapped(Document document, Map<String, DiscoveredModel.Kind> classes, Map<String, String> namedIn,
                               String location) {
        List<String> packages = texts(document, "package");
        String pkg = packages.isEmpty() ? "" : packages.get(0) + ".";
        Map<String, DiscoveredModel.Kind> kinds = Map.of("entity", DiscoveredModel.Kind.ENTITY,
                "embeddable", DiscoveredModel.Kind.EMBEDDABLE,
                "mapped-superclass", DiscoveredModel.Kind.MAPPED_SUPERCLASS,
                "converter", DiscoveredModel.Kind.CONVERTER);
        kinds.forEach((element, kind) -> {
            NodeList nodes = document.getElementsByTagNameNS("*", element);
            for (int i = 0; i < nodes.getLength(); i++) {
                String name = ((Element) nodes.item(i)).getAttribute("class").strip();
                if (!name.isEmpty()) {
                    String qualified = name.contains(".") ? name : pkg + name;
                    classes.put(qualified, kind);
                    namedIn.putIfAbsent(qualified, location);
                }
            }
        });
    }

    private static List<String> texts(Document document, String element) {
        List<String> values = new ArrayList<>();
        NodeList nodes = document.getElementsByTagNameNS("*", element);
        for (int i = 0; i < nodes.getLength(); i++) {
            String text = nodes.item(i).getTextContent().strip();
            if (!text.isEmpty()) {
                values.add(text);
            }
        }
        return values;
    }

    private static Document parse(byte[] content, String location) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(content));
        } catch (SAXException e) {
            throw new MigrateException(ErrorCode.MODEL, "The mapping file " + location + " is not well-formed XML: "
                    + e.getMessage() + ". Fix the file (or remove it) and compile again.", e);
        } catch (ParserConfigurationException | IOException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    /** A resource of a classes directory or a jar, if it has one. */
    static Optional<byte[]> resource(Path root, String name) {
        try {
            if (Files.isDirectory(root)) {
                Path file = root.resolve(name);
                return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
            }
            if (!Files.isRegularFile(root)) {
                return Optional.empty();
            }
            try (ZipFile zip = new ZipFile(root.toFile())) {
                ZipEntry entry = zip.getEntry(name);
                if (entry == null) {
                    return Optional.empty();
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    return Optional.of(in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot read " + location(root, name) + ": " + e.getMessage(), e);
        }
    }

    private static String location(Path root, String name) {
        return Files.isDirectory(root) ? root.resolve(name).toString() : root + "!/" + name;
    }

    private static URL url(Path root, String name) {
        try {
            return Files.isDirectory(root) ? root.resolve(name).toUri().toURL()
                    : java.net.URI.create("jar:" + root.toUri() + "!/" + name).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot address " + location(root, name) + ": " + e.getMessage(), e);
        }
    }
}
