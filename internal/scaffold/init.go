package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"text/template"

	"github.com/jobboard/jobboard/internal/msg"
)

//go:embed site
var siteFiles embed.FS

// Organization is the name of the employer "jobboard init" writes.
const Organization = "votre-organisation"

// Hosts are the publishing workflows Site can write.
var Hosts = map[string]string{
	"github": ".github/workflows/publish.yml",
	"gitlab": ".gitlab-ci.yml",
	"none":   "",
}

// SiteOptions say what Site writes.
type SiteOptions struct {
	Host    string // a key of Hosts
	Version string // the jobboard version the workflow installs: vX.Y.Z or latest
}

// ErrSite is returned (wrapped) when the folder holds a site already.
var ErrSite = msg.Sentinel("this folder already holds a site")

// Site starts a site in the folder dir, which may not exist yet: its
// settings (content/site.yaml), one employer in each language, a
// .gitignore for what the build writes and, for opt.Host, the workflow that
// publishes it. The values an organisation must change are marked CHANGE
// ME, which jobboard check reports until they are replaced. It refuses a
// folder that holds content/ already, and writes either every file or none.
func Site(dir string, opt SiteOptions) ([]string, error) {
	for _, p := range []string{"content", Hosts[opt.Host]} {
		if p == "" {
			continue
		}
		if _, err := os.Lstat(filepath.Join(dir, p)); err == nil {
			return nil, msg.Errorf("%w: %s exists (jobboard new <name> adds a posting to it)", ErrSite, filepath.Join(dir, p))
		}
	}
	type file struct{ src, dst string }
	files := []file{
		{"site.yaml", "content/site.yaml"},
		{"organization.fr.md", "content/organizations/" + Organization + ".fr.md"},
		{"organization.en.md", "content/organizations/" + Organization + ".en.md"},
	}
	// A repository may have a .gitignore already: it is kept as it is.
	if _, err := os.Lstat(filepath.Join(dir, ".gitignore")); errors.Is(err, fs.ErrNotExist) {
		files = append(files, file{"gitignore", ".gitignore"})
	}
	switch opt.Host {
	case "github":
		files = append(files, file{"github-actions.yml", Hosts["github"]})
	case "gitlab":
		files = append(files, file{"gitlab-ci.yml", Hosts["gitlab"]})
	}
	data := make([][]byte, len(files))
	for i, f := range files {
		b, err := siteFile(f.src, opt)
		if err != nil {
			return nil, err
		}
		data[i] = b
	}
	var written []string
	for i, f := range files {
		if err := writeNew(filepath.Join(dir, filepath.FromSlash(f.dst)), data[i]); err != nil {
			for _, w := range written {
				os.Remove(filepath.Join(dir, filepath.FromSlash(w)))
			}
			return nil, err
		}
		written = append(written, f.dst)
	}
	return written, nil
}

// siteFile is the file name of the site template, its workflows executed
// with opt and the locale of the site's default language.
func siteFile(name string, opt SiteOptions) ([]byte, error) {
	data, err := fs.ReadFile(siteFiles, "site/"+name)
	if err != nil || filepath.Ext(name) != ".yml" {
		return data, err
	}
	t, err := template.New(name).Parse(string(data))
	if err != nil {
		return nil, err
	}
	settings, err := fs.ReadFile(siteFiles, "site/site.yaml")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = t.Execute(&b, struct {
		SiteOptions
		Locale string
	}{opt, messagesLocale(settings)})
	return b.Bytes(), err
}

// messagesLocale is the LANG that makes jobboard speak the default
// language of the site whose settings are siteYAML, for the workflows to
// set on check and build: fr_FR.UTF-8 for French, or "" (English, the
// default) for a language jobboard's messages are not written in.
func messagesLocale(siteYAML []byte) string {
	m := defaultLanguageRE.FindSubmatch(siteYAML)
	if m != nil && string(m[1]) == "fr" {
		return "fr_FR.UTF-8"
	}
	return ""
}

// defaultLanguageRE finds the first language of a site.yaml's languages.
var defaultLanguageRE = regexp.MustCompile(`(?m)^languages:\s*\[\s*([a-z]+)`)
