// Package search makes the search index of a site's open postings, one per
// language, that assets/search.js reads when a visitor uses the search box
// of a list page. It is made for cheap phones: a first search downloads
// the index's description, the shard of each word typed and the entries of
// the postings shown, not the whole index.
//
// The files of one language, in its folder (/<lang>/search/):
//
//	index.json   {"v":"<version>","n":<postings>,"b":<shards>,"c":<entries per chunk>}
//	w<k>.txt     shard k of the words: one line per word, "word\tids", sorted
//	e<k>.txt     chunk k of the entries: one line per posting, "slug\ttitle\tplace\tcontract"
//
// A posting's id is its place in the list (newest first): chunk id/c, line
// id%c. The ids of a word are written as the differences between
// successive ids (the first from 0), in base 36, separated by commas. A
// word is in shard shardOf(word, b): the words of a shard share no more
// than a hash of their first two UTF-16 code units, so that every word a
// query word is the beginning of ("médiat" → "mediateur") is in the query
// word's shard. The version names the whole index: the script asks for
// every other file with ?v=<version>, so that a browser's cache never mixes
// two builds.
package search

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Doc is one open posting, in the index's language.
type Doc struct {
	Slug     string // its page is /<lang>/<slug>/
	Title    string
	Summary  string
	Employer string
	Contract string // in words
	Place    string // the town
}

// File is a file of the index, named in its language's folder.
type File struct {
	Name string
	Data []byte
}

// Meta is index.json.
type Meta struct {
	Version string `json:"v"`
	N       int    `json:"n"` // postings
	Shards  int    `json:"b"`
	Chunk   int    `json:"c"` // entries per chunk
}

// The sizes the index is cut to, chosen by measuring what a first search
// downloads (see docs/search.md): an index whose words fit in
// shardBytes is one shard, else shards of about that size; the entries
// likewise, in chunks of about chunkBytes.
const (
	shardBytes = 8 << 10
	chunkBytes = 8 << 10
	maxShards  = 4096
)

// Index makes the files of one language's index, of docs in list order.
func Index(docs []Doc) []File {
	words := postings(docs)
	sorted := slices.Sorted(maps.Keys(words))
	size := 0
	for _, w := range sorted {
		size += len(w) + 2 + idsLen(words[w]) // a line: the word, a tab, the ids, a newline
	}
	shards := countFor(size, shardBytes, maxShards)
	shardData := make([][]byte, shards)
	for _, w := range sorted {
		k := shardOf(w, shards)
		b := append(shardData[k], w...)
		b = append(b, '\t')
		b = appendIDs(b, words[w])
		shardData[k] = append(b, '\n')
	}
	entries := make([]string, len(docs))
	size = 0
	for i, d := range docs {
		entries[i] = field(d.Slug) + "\t" + field(d.Title) + "\t" + field(d.Place) + "\t" + field(d.Contract) + "\n"
		size += len(entries[i])
	}
	chunk := max(1, len(docs))
	if n := countFor(size, chunkBytes, len(docs)); n > 1 {
		chunk = (len(docs) + n - 1) / n
	}
	files := make([]File, 0, 1+shards+(len(docs)+chunk-1)/chunk)
	files = append(files, File{Name: MetaFile})
	for k, data := range shardData {
		files = append(files, File{Name: shardName(k), Data: data})
	}
	for k := 0; k*chunk < len(docs); k++ {
		part := entries[k*chunk : min(len(docs), (k+1)*chunk)]
		files = append(files, File{Name: chunkName(k), Data: []byte(strings.Join(part, ""))})
	}
	meta := Meta{Version: version(files[1:]), N: len(docs), Shards: shards, Chunk: chunk}
	data, err := json.Marshal(meta)
	if err != nil {
		panic(err) // a struct of strings and ints
	}
	files[0].Data = append(data, '\n')
	return files
}

// MetaFile is the name of index.json, which names the other files.
const MetaFile = "index.json"

func shardName(k int) string { return "w" + strconv.Itoa(k) + ".txt" }
func chunkName(k int) string { return "e" + strconv.Itoa(k) + ".txt" }

// postings are the ids of the docs each word is in, ascending.
func postings(docs []Doc) map[string][]int32 {
	words := map[string][]int32{}
	cache := wordCache{}
	for i, d := range docs {
		id := int32(i)
		for _, text := range []string{d.Title, d.Summary, d.Employer, d.Contract, d.Place} {
			for _, w := range cache.words(text) {
				if unitLen(w) < minQueryUnits {
					continue // no query looks for it (QueryWords)
				}
				if ids := words[w]; len(ids) == 0 || ids[len(ids)-1] != id {
					words[w] = append(ids, id)
				}
			}
		}
	}
	return words
}

// A wordCache gives the Words of texts, folding each run of text between
// ASCII separators once: the same runs come back in posting after
// posting, and folding (NFD) took most of the time of an index. It gives
// what Words gives: ASCII characters are left as they are by NFD, which
// reorders combining marks only, never across them, and by lower case but
// for letters, which are no separators.
type wordCache map[string][]string

func (c wordCache) words(text string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(text); i++ {
		if i < len(text) && (text[i] >= 0x80 || !separator(rune(text[i]))) {
			continue
		}
		if run := text[start:i]; run != "" {
			ws, ok := c[run]
			if !ok {
				ws = Words(run)
				c[run] = ws
			}
			out = append(out, ws...)
		}
		start = i + 1
	}
	return out
}

// countFor is how many parts of about part bytes size bytes make, at
// least 1 and at most limit.
func countFor(size, part, limit int) int {
	return max(1, min(limit, (size+part-1)/part))
}

// idsLen is the length of ids as appendIDs writes them.
func idsLen(ids []int32) int {
	n := max(0, len(ids)-1) // the commas
	last := int32(0)
	for _, id := range ids {
		for d := id - last; ; d /= 36 {
			n++
			if d < 36 {
				break
			}
		}
		last = id
	}
	return n
}

// appendIDs appends ascending ids as their differences, in base 36.
func appendIDs(b []byte, ids []int32) []byte {
	last := int32(0)
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(id-last), 36)
		last = id
	}
	return b
}

// field is a text of an entry on one line, without the tabs that
// separate the fields.
func field(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\t' || r == '\n' || r == '\r' }), " ")
}

// version is a hash of the files: the same index, the same version.
func version(files []File) string {
	h := fnv.New64a()
	for _, f := range files {
		fmt.Fprintf(h, "%s\x00%d\x00", f.Name, len(f.Data))
		h.Write(f.Data)
	}
	return strconv.FormatUint(h.Sum64(), 36)
}
