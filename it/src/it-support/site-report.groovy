// Shared by the site report ITs (site-report-*): the project (it-support/site-model) migrated its core model,
// wrote the catalog's changeset without applying it, then ran mvn site on the whole model. This checks the log
// and the page, then looks at the page in headless Chromium (browser.groovy): the diagram visible with every table
// drawn and filled, the foreign keys' lines, and the differences, pending changesets and runs as tables. Use:
//   evaluate(new File(itSupport, 'site-report.groovy')).verify(basedir, itSupport, skipBrowser, differences)
// where differences is how many changes the database needs for the review table (SQLite makes it one change).
class SiteReportCheck {
    static boolean verify(File basedir, Object supportDirectory, String skipBrowser, int differences) {
        String name = basedir.name
        File itSupport = new File(supportDirectory.toString())
        def log = new File(basedir, 'build.log').text
        def runs = log.split(/(?m)^\[INFO\] BUILD SUCCESS.*$/)
        assert runs.size() >= 4 : "expected three successful builds in build.log:\n${log.takeRight(3000)}"
        def site = runs[2]
        assert site =~ /Report: .*[\/\\]target[\/\\]site[\/\\]automigrate\.html \(4 tables, ${differences} differences?, 1 pending changeset, 1 recent run\)/ : site
        assert !site.contains('Applied ') : 'mvn site must not migrate'

        def page = new File(basedir, 'target/site/automigrate.html')
        assert page.isFile() : "mvn site wrote no ${page}"
        def html = page.getText('UTF-8')
        assert html.contains('<title>') && html.contains('Database schema')
        assert new File(basedir, 'target/site/project-reports.html').getText('UTF-8').contains('automigrate.html') : 'Project Reports lists the page'

        def browser = new GroovyShell().evaluate(new File(itSupport, 'browser.groovy')).newInstance(basedir)
        if (!browser.available()) {
            if (Boolean.parseBoolean(skipBrowser)) {
                println "${name}: browser checks skipped (-Dmigrate.skipBrowser=true)"
                return true
            }
            throw new AssertionError(browser.missing())
        }

        def m = browser.measure(page, 1400, 1000)
        println "${name}: measured ${m.tables.size()} tables, diagram ${m.diagram?.width}x${m.diagram?.height}"
        assert m.title.contains('Database schema') : m.title
        assert m.diagram != null && m.diagram.shown : "no visible diagram: ${m.diagram}"
        assert m.diagram.width > 300 && m.diagram.height > 100 : "the diagram is too small to see: ${m.diagram}"
        assert m.tables*.name.sort() == ['customer', 'product', 'purchase_order', 'review'] : m.tables*.name
        m.tables.each { t ->
            assert t.shown && t.width > 100 && t.height > 40 : "table ${t.name} is not drawn: ${t}"
            assert t.x >= m.diagram.x - 1 && t.y >= m.diagram.y - 1 && t.x + t.width <= m.diagram.x + m.diagram.width + 1
                    && t.y + t.height <= m.diagram.y + m.diagram.height + 1 : "table ${t.name} lies outside the diagram: ${t}"
            assert t.past.isEmpty() : "text runs past the box of ${t.name}: ${t.past}"
        }
        def boxes = m.tables.collectEntries { [(it.name): it] }
        assert boxes.customer.rows == 3 && boxes.purchase_order.rows == 4 && boxes.product.rows == 3 && boxes.review.rows == 4
        assert boxes.purchase_order.texts.containsAll(['PK', 'FK', 'customer_id', 'total', 'numeric(21,2)', 'not null'])
        // SQLite keeps the type as declared (timestamp); PostgreSQL's catalog says timestamp(6)
        assert boxes.purchase_order.texts.any { it == 'timestamp' || it == 'timestamp(6)' }
        assert boxes.customer.texts.containsAll(['UK', 'email', 'varchar(120)'])
        for (int i = 0; i < m.tables.size(); i++) {
            for (int j = i + 1; j < m.tables.size(); j++) {
                def a = m.tables[i], b = m.tables[j]
                assert a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y :
                        "tables ${a.name} and ${b.name} overlap"
            }
        }
        assert boxes.customer.x + boxes.customer.width < boxes.purchase_order.x : 'a referenced table stands left of its references'
        assert m.edges == 3 : "expected 3 foreign key lines, found ${m.edges}"

        def changes = m.htmlTables.differences
        assert changes?.shown && changes.height > 20 && changes.rows == differences + 1 : "differences: ${changes}"
        assert changes.text.contains('create table review') && changes.text.toLowerCase().contains('create table') : changes.text
        def pending = m.htmlTables.pending
        assert pending?.shown && pending.rows == 2 && pending.text.contains('0002_create_table_product') : "pending: ${pending}"
        def history = m.htmlTables.history
        assert history?.shown && history.rows == 2 && history.text.contains('auto') && history.text.contains('ok') : "history: ${history}"
        assert changes.y < pending.y && pending.y < history.y : 'sections in order: differences, pending, runs'
        assert m.diagram.y < changes.y

        def png = browser.screenshot(page, 1400, 1000)
        def ink = browser.inkShare(png)
        println "${name}: screenshot ${png} (${String.format('%.1f', ink * 100)}% ink)"
        assert ink > 0.03 : "the screenshot ${png} is nearly blank"
        return true
    }
}

return SiteReportCheck
