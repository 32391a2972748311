// A clean catalog passes; the dangling owner is a warning, not an error.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('[WARNING] catalog-info.yaml:8:10: warning PAVED-W001: spec.owner refers to group:team-a')
