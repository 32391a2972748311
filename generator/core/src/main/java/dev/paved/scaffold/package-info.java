/**
 * Runs Backstage software templates ({@code scaffolder.backstage.io/v1beta3}) without Backstage: validates the
 * values against the template's parameter schemas, renders {@code ${{ }}} expressions and skeletons with a
 * Nunjucks-compatible templater, and runs the built-in actions (fetch, also from remote skeletons; publish to git;
 * pull and merge requests; catalog; debug; cookiecutter skeletons; Spring Initializr projects; the portal's services:
 * PagerDuty, Rundeck, the app-config's proxies) into an output folder it never writes outside of. Entry point: {@link dev.paved.scaffold.Scaffolder}.
 */
package dev.paved.scaffold;
