package build

import (
	"os"
	"path/filepath"

	"github.com/jobboard/jobboard/internal/render"
	"github.com/jobboard/jobboard/internal/search"
	"github.com/jobboard/jobboard/internal/site"
)

// searchOutputs are the search index of every language (see package
// search), in /<lang>/search/: the open postings with a translation in
// the language, in list order, by the words of their title, summary,
// employer, contract and town as the lists show them. Each is an output
// of several files (output.several): index.json, then the parts it
// names, as many as the postings fill. Made once the posting pages are,
// when their summaries are known.
//
// Its key (keyer.searchKey) is made of the keys of the entries of the
// language's list: a text changed past its summary changes nothing of the
// index. Making it took up to 175 ms a language at 10,000 postings
// (BenchmarkIndex), and 0.44-0.52 s of a 5.5 s rebuild with nothing
// changed, before it was kept by that key.
func (p *pass) searchOutputs() []output {
	r, s, k := p.r, p.s, p.k
	outs := make([]output, 0, len(s.Content.Languages))
	for _, lang := range s.Content.Languages {
		outs = append(outs, output{name: searchDir(lang) + search.MetaFile,
			key:     func() uint64 { return k.searchKey(s, lang) },
			several: func() []search.File { return searchIndex(r, s, lang) }})
	}
	return outs
}

// writeSeveral makes the output o of several files, or keeps them as
// they were when the key of the whole is the one they were made for: an
// Update's, with the keys of the last Update; a Build's, linked from the
// previous output, if its record has that key for o.name and every file
// is the one recorded. When made, each file is handed over as need says,
// with the key of its bytes; the previous output's record keeps the key
// of the whole as that of o.name.
func (p *pass) writeSeveral(o output) error {
	var key uint64
	switch {
	case p.ks.keyed:
		key = o.key()
		if old, ok := p.ks.last.several[o.name]; ok && old.key == key {
			for i, name := range old.files {
				p.ks.need(name, old.keys[i]) // the same key: recorded, not handed
			}
			p.ks.next.several[o.name] = old
			return nil
		}
	case p.ru != nil:
		key = o.key()
		if names := p.ru.severalFiles(o.name, key); names != nil {
			return p.ru.reuseAll(o.name, names, p.counting)
		}
	}
	m := severalMemo{key: key}
	for _, f := range o.several() {
		fkey := fileKey(f.Data)
		if f.Name == o.name && p.ru != nil {
			fkey = key
		}
		m.files, m.keys = append(m.files, f.Name), append(m.keys, fkey)
		if !p.need(f.Name, func() uint64 { return fkey }) {
			continue
		}
		if err := p.counting(f.Name, f.Data); err != nil {
			return err
		}
	}
	if p.ks.keyed {
		p.ks.next.several[o.name] = m
	}
	if p.ru != nil {
		p.ru.keepSeveral(o.name, m.files)
	}
	return nil
}

// severalFiles are the files of the previous output's output of several
// files name, if name was made of inputs of the key key and every one of
// them is the file the manifest recorded; else nil.
func (ru *reuser) severalFiles(name string, key uint64) []string {
	names := ru.prev.Several[name]
	if old, ok := ru.prev.Files[name]; !ok || old.Key != key || key == noKey || names == nil {
		return nil
	}
	for _, n := range names {
		old, ok := ru.prev.Files[n]
		if id, same := statID(filepath.Join(ru.dw.prev, filepath.FromSlash(n))); !ok || !same || id != old.ID {
			return nil
		}
	}
	return names
}

// keepSeveral records names as the files of the output of several files
// name, for the next build.
func (ru *reuser) keepSeveral(name string, names []string) {
	ru.mu.Lock()
	ru.next.Several[name] = names
	ru.mu.Unlock()
}

// reuseAll links the files names of the output of several files name
// from the previous output with the keys it recorded; one that cannot be
// linked is copied.
func (ru *reuser) reuseAll(name string, names []string, w Writer) error {
	ru.keepSeveral(name, names)
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

// searchIndex makes the files of lang's index, named in the output.
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
	files := search.Index(docs)
	for i := range files {
		files[i].Name = searchDir(lang) + files[i].Name
	}
	return files
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
