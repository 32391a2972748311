// The docs are built where techdocs-cli would put them, with the metadata Backstage's reader uses.
def out = new File(basedir, 'target/techdocs')
assert new File(out, 'index.html').text.contains('href="guide/index.html#setup"')
assert new File(out, 'guide/index.html').isFile()
def meta = new groovy.json.JsonSlurper().parse(new File(out, 'techdocs_metadata.json'))
assert meta.site_name == 'Sample service'
assert meta.files.contains('guide/index.html')
assert new File(basedir, 'build.log').text.contains('TechDocs: 2 pages')
