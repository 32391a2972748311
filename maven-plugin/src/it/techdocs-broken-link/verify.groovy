// With failOnWarnings, a broken link fails the build and names the file and line.
def log = new File(basedir, 'build.log').text
assert log.contains('docs/index.md:5: error PAVED-W011: Link gone.md points at gone.md, which does not exist')
assert log.contains('1 docs error(s)')
