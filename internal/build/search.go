package build

import (
	"os"
	"path/filepath"

	"github.com/jobboard/jobboard/internal/render"
	"github.com/jobboard/jobboard/internal/search"
	"github.com/jobboard/jobboard/internal/site"
)

// writeSearch writes the search index of every language (see package
// search) to /<lang>/search/: the open postings with a translation in the
// language, in list order, by the words of their title, summary, employer,
// contract and town as the lists show them. It runs once the posting pages
// are made, when their summaries are known. It returns what an Update
// remembers of it for the next.
//
// A build that keys its files makes a language's index again only when the
// key of its inputs (keyer.searchKey) changed (making it took up to 175 ms
// a language at 10,000 postings, BenchmarkIndex, and 0.44-0.52 s of a 5.5 s
// rebuild with nothing changed); else its files are kept as they were
// (keptSearch). When made, each file is handed over as need says, with the
// key of its bytes; the previous output's record keeps the index's key as
// the key of its index.json.
func (p *pass) writeSearch() (map[string]searchMemo, error) {
	next := make(map[string]searchMemo, len(p.s.Content.Languages))
	for _, lang := range p.s.Content.Languages {
		m, kept, err := p.keptSearch(lang)
		if err != nil || kept {
			next[lang] = m
			if err != nil {
				return nil, err
			}
			continue
		}
		for _, f := range searchIndex(p.r, p.s, lang) {
			name, key := searchDir(lang)+f.Name, fileKey(f.Data)
			if f.Name == search.MetaFile && p.ru != nil {
				key = m.key
			}
			m.files, m.keys = append(m.files, name), append(m.keys, key)
			if !p.need(name, func() uint64 { return key }) {
				continue
			}
			if err := p.counting(name, f.Data); err != nil {
				return nil, err
			}
		}
		next[lang] = m
	}
	return next, nil
}

// keptSearch is the key of lang's index, and whether its files are kept
// as they were: an Update's, with the keys of the last Update, whose
// index had the same key; a Build's, linked from the previous output, if
// its record says that output's index had the same key. (The key of a
// Build holds the summaries, all known then: a text changed past its
// summary changes nothing of the index; an Update's holds the postings'
// texts, whose summaries are not all at hand.)
func (p *pass) keptSearch(lang string) (searchMemo, bool, error) {
	switch {
	case p.ks.keyed:
		m := searchMemo{key: p.k.searchKey(p.s, lang, false)}
		old, ok := p.ks.last.search[lang]
		if !ok || old.key != m.key {
			return m, false, nil
		}
		for i, name := range old.files {
			p.ks.need(name, old.keys[i]) // the same key: recorded, not handed
		}
		return old, true, nil
	case p.ru != nil:
		m := searchMemo{key: p.k.searchKey(p.s, lang, true)}
		names := p.ru.searchFiles(searchDir(lang), m.key)
		if names == nil {
			return m, false, nil
		}
		return m, true, p.ru.reuseAll(names, p.counting)
	}
	return searchMemo{}, false, nil
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
