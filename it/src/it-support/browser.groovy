// Headless Chromium for the ITs that check a page as a browser renders it (site-report-*): a screenshot, and
// the positions and sizes of what the page drew, measured in the browser after layout (not read from the HTML
// source). The script returns the class; a hook uses it as
//   def browser = evaluate(new File(itSupport, 'browser.groovy')).newInstance(basedir)
// Chromium is Debian's package (apt-get install chromium); .ci/run installs it. Without it a check fails with
// how to install it, unless -Dmigrate.skipBrowser=true (the invoker scriptVariable skipBrowser) skips it.
import groovy.json.JsonSlurper

class Browser {
    static final List<String> FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars']

    final File workDirectory
    final String executable

    Browser(File basedir) {
        workDirectory = new File(basedir, 'target/browser')
        workDirectory.mkdirs()
        executable = ['chromium', 'chromium-browser'].collect { name ->
            System.getenv('PATH').split(File.pathSeparator).collect { new File(it, name) }.find { it.canExecute() }
        }.find { it != null }?.path
    }

    boolean available() {
        executable != null
    }

    /** Why the check cannot run, and how to make it run. */
    static String missing() {
        'Headless Chromium is needed to check the rendered report page, but no chromium is on the PATH. Install ' +
                "Debian's package (apt-get install chromium; .ci/run does it), or skip the browser checks with " +
                '-Dmigrate.skipBrowser=true.'
    }

    /** Runs Chromium on a page with a fresh profile; returns what it printed. */
    String run(List<String> args, String url, int width, int height) {
        File profile = File.createTempDir('am-chromium-', '')
        try {
            List<String> command = [executable] + FLAGS + ["--user-data-dir=${profile}".toString(),
                    "--window-size=${width},${height}".toString()] + args + [url]
            Process process = new ProcessBuilder(command).redirectError(new File(workDirectory, 'chromium.log')).start()
            String out = process.inputStream.getText('UTF-8')
            assert process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) : "Chromium did not finish: ${command}"
            assert process.exitValue() == 0 : "Chromium failed (${process.exitValue()}): see ${workDirectory}/chromium.log"
            return out
        } finally {
            profile.deleteDir()
        }
    }

    /** A PNG of the page as Chromium draws it. */
    File screenshot(File page, int width, int height) {
        File png = new File(workDirectory, page.name.replace('.html', '.png'))
        run(["--screenshot=${png}".toString()], page.toURI().toString(), width, height)
        assert png.length() > 0 : "no screenshot of ${page}"
        return png
    }

    /**
     * The page loaded in a frame of a probe page whose script measures it after layout: the diagram's box, each
     * table box of it (position, size, rows, texts running past the box's edge), and each HTML table of the report
     * (its box and rows). Returns the measurements as a map.
     */
    Map measure(File page, int width, int height) {
        File probe = new File(workDirectory, 'probe.html')
        probe.setText("""<!DOCTYPE html><html><body style="margin:0"><pre id="result">not measured</pre>
<iframe id="page" src="${page.toURI()}" style="width:${width}px;height:${height}px;border:0"></iframe>
<script>
document.getElementById('page').addEventListener('load', () => {
  const out = document.getElementById('result');
  try {
    const d = document.getElementById('page').contentDocument;
    const box = e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; };
    const shown = e => { const s = getComputedStyle(e); return s.display !== 'none' && s.visibility === 'visible' && s.opacity !== '0'; };
    const svg = d.querySelector('svg.am-erd');
    const result = {title: d.title, diagram: svg ? Object.assign(box(svg), {shown: shown(svg)}) : null, tables: [], htmlTables: {}};
    d.querySelectorAll('svg.am-erd g.am-table').forEach(g => {
      const frame = g.querySelector('rect.am-box').getBBox();
      const past = [...g.querySelectorAll('text')].filter(t => { const b = t.getBBox(); return b.x + b.width > frame.width - 1; });
      result.tables.push(Object.assign(box(g), {name: g.dataset.table, shown: shown(g), rows: g.querySelectorAll('g.am-row').length,
        texts: [...g.querySelectorAll('text')].map(t => t.textContent), past: past.map(t => t.textContent)}));
    });
    result.edges = d.querySelectorAll('svg.am-erd g.am-edge path').length;
    ['differences', 'pending', 'history'].forEach(id => {
      const t = d.querySelector('table.am-' + id);
      result.htmlTables[id] = t ? Object.assign(box(t), {shown: shown(t), rows: t.querySelectorAll('tr').length,
        text: t.innerText}) : null;
    });
    out.textContent = JSON.stringify(result);
  } catch (e) { out.textContent = 'ERROR ' + e; }
});
</script></body></html>""", 'UTF-8')
        String dom = run(['--allow-file-access-from-files', '--virtual-time-budget=10000', '--dump-dom'],
                probe.toURI().toString(), width, height)
        def matcher = dom =~ /(?s)<pre id="result">(.*?)<\/pre>/
        assert matcher.find() : "the probe page printed no result:\n${dom.take(2000)}"
        String json = matcher.group(1).replace('&lt;', '<').replace('&gt;', '>').replace('&quot;', '"').replace('&amp;', '&')
        assert json.startsWith('{') : "the probe could not measure ${page}: ${json}"
        return new JsonSlurper().parseText(json) as Map
    }

    /** The share of pixels in the PNG that are not (nearly) white. */
    static double inkShare(File png) {
        def image = javax.imageio.ImageIO.read(png)
        long ink = 0
        for (int y = 0; y < image.height; y += 2) {
            for (int x = 0; x < image.width; x += 2) {
                int rgb = image.getRGB(x, y)
                if (((rgb >> 16) & 0xff) < 235 || ((rgb >> 8) & 0xff) < 235 || (rgb & 0xff) < 235) {
                    ink++
                }
            }
        }
        return ink / ((image.width / 2) * (image.height / 2) as double)
    }
}

return Browser
