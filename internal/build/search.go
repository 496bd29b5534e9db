package build

import (
	"os"
	"path/filepath"

	"github.com/jobboard/jobboard/internal/render"
	"github.com/jobboard/jobboard/internal/search"
	"github.com/jobboard/jobboard/internal/site"
)

// writeSearchOnce writes the search index of every language (see package
// search) to /<lang>/search/: the open postings with a translation in the
// language, in list order, by the words of their title, summary, employer,
// contract and town as the lists show them. It runs once the posting pages
// are made, when their summaries are known.
//
// With a manifest of the previous output (ru, with the keyer k; nil:
// none), the manifest records the key of the inputs of a language's index
// (keyer.searchKey) as the key of its index.json: when it is the same, the
// index is not made again, and every file index.json names is linked from
// the previous output (making it took 0.44-0.52 s of a 5.5 s rebuild of
// 10,000 postings with nothing changed); otherwise it is made, and a file
// whose bytes are those of the previous output's is linked from there.
func writeSearchOnce(r *render.Renderer, s *site.Site, k *keyer, ru *reuser, w Writer) error {
	for _, lang := range s.Content.Languages {
		dir := searchDir(lang)
		var key uint64
		if ru != nil {
			key = k.searchKey(s, lang, true)
			if names := ru.searchFiles(dir, key); names != nil {
				if err := ru.reuseAll(names, w); err != nil {
					return err
				}
				continue
			}
		}
		for _, f := range searchIndex(r, s, lang) {
			name := dir + f.Name
			if ru != nil {
				fk := fileKey(f.Data)
				if f.Name == search.MetaFile {
					fk = key
				}
				if ru.reuse(name, fk) {
					continue
				}
			}
			if err := w(name, f.Data); err != nil {
				return err
			}
		}
	}
	return nil
}

// searchFiles are the files of the previous output's index in dir, if its
// index.json was made of inputs of the key key and it and every file it
// names are the files the manifest recorded; else nil.
func (ru *reuser) searchFiles(dir string, key uint64) []string {
	meta := dir + search.MetaFile
	if old, ok := ru.prev.Files[meta]; !ok || old.Key != key || key == noKey {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(ru.dw.prev, filepath.FromSlash(meta)))
	if err != nil {
		return nil
	}
	names, err := search.FileNames(data)
	if err != nil {
		return nil
	}
	for i, n := range names {
		names[i] = dir + n
		old, ok := ru.prev.Files[names[i]]
		if id, same := statID(filepath.Join(ru.dw.prev, filepath.FromSlash(names[i]))); !ok || !same || id != old.ID {
			return nil
		}
	}
	return names
}

// reuseAll links the files names from the previous output with the keys
// it recorded; one that cannot be linked is copied.
func (ru *reuser) reuseAll(names []string, w Writer) error {
	for _, name := range names {
		if ru.reuse(name, ru.prev.Files[name].Key) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(ru.dw.prev, filepath.FromSlash(name)))
		if err != nil {
			return err
		}
		if err := w(name, data); err != nil {
			return err
		}
	}
	return nil
}

// writeSearchKeyed is writeSearchOnce for a build that keys its files
// (Update): a language's index is made again only when the key of its
// inputs changed since the last build, the files then handed over only
// when their bytes changed; else its files are recorded with the keys they
// had. Making the index took up to 175 ms a language at 10,000
// postings (BenchmarkIndex), for an edit in serve that changed nothing of
// it. It returns what to remember for the next build.
func (p *pass) writeSearchKeyed() (map[string]searchMemo, error) {
	r, s, k, last, need, w := p.r, p.s, p.k, p.ks.last.search, p.ks.need, p.counting
	next := make(map[string]searchMemo, len(s.Content.Languages))
	for _, lang := range s.Content.Languages {
		m := searchMemo{key: k.searchKey(s, lang, false)}
		if old, ok := last[lang]; ok && old.key == m.key {
			for i, name := range old.files {
				need(name, old.keys[i]) // the same key: recorded, not handed
			}
			next[lang] = old
			continue
		}
		for _, f := range searchIndex(r, s, lang) {
			name, key := searchDir(lang)+f.Name, fileKey(f.Data)
			m.files, m.keys = append(m.files, name), append(m.keys, key)
			if !need(name, key) {
				continue
			}
			if err := w(name, f.Data); err != nil {
				return nil, err
			}
		}
		next[lang] = m
	}
	return next, nil
}

// searchIndex makes the files of lang's index.
func searchIndex(r *render.Renderer, s *site.Site, lang string) []search.File {
	var docs []search.Doc
	for _, p := range s.Postings {
		tr := p.Translations[lang]
		if p.Expired || tr == nil {
			continue
		}
		docs = append(docs, search.Doc{Slug: p.Slug, Title: tr.Title, Summary: r.Summary(tr),
			Employer: employerName(s, p, lang), Contract: r.Contract(p, lang), Place: r.Cities(p, lang)})
	}
	return search.Index(docs)
}

// searchDir is the folder of a language's search index in the output.
func searchDir(lang string) string { return lang + "/" + site.SearchDir + "/" }

// employerName is the name of p's employer in lang, else in the language
// of its first translation, else its key, as the lists show it.
func employerName(s *site.Site, p *site.Posting, lang string) string {
	org := s.Content.Organizations[p.Facts.Organization]
	if org == nil {
		return ""
	}
	for _, l := range []string{lang, p.Langs[0]} {
		if t := org.Text[l]; t != nil {
			return t.Name
		}
	}
	return org.Key
}
