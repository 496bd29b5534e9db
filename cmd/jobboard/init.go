package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"runtime/debug"

	"github.com/jobboard/jobboard/internal/msg"
	"github.com/jobboard/jobboard/internal/scaffold"
)

func runInit(_ context.Context, l msg.Lang, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("init", l.Sprintf("init [-host github|gitlab|none] [folder]"),
		l.Sprintf("Init starts a new job board in folder (default: the current folder): its\n"+
			"settings in content/site.yaml (French and English), one employer, a\n"+
			".gitignore, and the workflow that checks and publishes the site from\n"+
			"GitHub or GitLab. The values to change are marked CHANGE ME: jobboard\n"+
			"check reports each one until it is replaced. The layouts and the\n"+
			"stylesheet are built in (jobboard theme lists them). Init refuses a\n"+
			"folder that already holds a site."), l, stderr)
	host := fs.String("host", "github", l.Sprintf("write the publishing workflow for `host`: github (GitHub Pages), gitlab (GitLab Pages) or none"))
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if _, ok := scaffold.Hosts[*host]; !ok {
		return usagef("-host %q: choose github, gitlab or none", *host)
	}
	dir := "."
	switch fs.NArg() {
	case 0:
	case 1:
		dir = fs.Arg(0)
	default:
		return usagef("init takes one folder; flags go before it: jobboard init -host gitlab emplois")
	}
	info, _ := debug.ReadBuildInfo()
	files, err := scaffold.Site(dir, scaffold.SiteOptions{Host: *host, Version: releaseOf(version(info))})
	if errors.Is(err, scaffold.ErrSite) {
		return usagef("init: %s", err)
	}
	if err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintln(stdout, l.Sprintf("created %s", filepath.Join(dir, filepath.FromSlash(f))))
	}
	cd := ""
	if dir != "." {
		cd = "cd " + dir + "\n\t"
	}
	fmt.Fprint(stdout, l.Sprintf("\nNext:\n"+
		"1. Replace every value marked CHANGE ME in content/ (jobboard check lists them):\n\t%sjobboard check\n"+
		"2. Start your first posting, then preview it at http://127.0.0.1:1313/:\n\tjobboard new my-first-job\n\tjobboard serve -drafts\n",
		cd))
	fmt.Fprint(stdout, publishStep(*host).In(l))
	return nil
}

// publishStep is the last step init prints: how the site gets published
// from host, with what is done once (a first user's site never published:
// her git named its branch master, and the Pages setting is easy to miss).
func publishStep(host string) msg.Text {
	push := msg.New("\tgit init -b main\n\tgit add .\n\tgit commit -m \"Job board\"\n\tgit remote add origin <the address of the repository>\n\tgit push -u origin main\n")
	switch host {
	case "github":
		return msg.New("3. Put the folder in a repository on GitHub, on the branch main:\n%s"+
			"   Once, in the repository's Settings → Pages, choose \"Source: GitHub Actions\".\n"+
			"   From then on, every push checks the site and publishes it.\n", push)
	case "gitlab":
		return msg.New("3. Put the folder in a repository on GitLab, on the branch main:\n%s"+
			"   Once, add the nightly build described at the top of .gitlab-ci.yml.\n"+
			"   From then on, every push checks the site and publishes it.\n", push)
	}
	return msg.New("3. Build the site with jobboard build, then copy public/ to your web host.\n")
}

// releaseOf is the version a workflow pins: this executable's when it is
// a release (v1.2.3, v1.2.3-rc.1), else the latest. A pseudo-version or a
// build with local changes (v1.2.3-0.2025…-abc, +dirty) cannot be
// installed by go install.
func releaseOf(v string) string {
	if releaseRE.MatchString(v) {
		return v
	}
	return "latest"
}

var releaseRE = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+(-rc\.[0-9]+)?$`)
