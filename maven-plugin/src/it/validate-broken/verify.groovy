// A missing owner fails the build with the file, line and code.
def log = new File(basedir, 'build.log').text
assert log.contains("[ERROR] catalog-info.yaml:6:3: error PAVED-E005: /spec must have required property 'owner'")
assert log.contains('1 catalog error(s)')
