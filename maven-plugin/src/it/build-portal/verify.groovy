// The whole portal from paved.yaml, and the generated help goal.
def site = new File(basedir, 'target/site')
assert new File(site, 'catalog/default/component/svc/index.html').text.contains('The service')
assert new File(site, 'index.html').text.contains('Welcome')
def log = new File(basedir, 'build.log').text
assert log.contains('Built 2 entities')
assert log.contains('paved:techdocs') && log.contains('paved:validate') && log.contains('paved:build')

// paved:publish copied it to a folder target.
def published = new File(basedir, 'target/published')
assert new File(published, 'catalog/default/component/svc/index.html').text == new File(site, 'catalog/default/component/svc/index.html').text
assert new File(published, '404.html').isFile()
assert log.contains('Published: ')
