package content

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSizeLimit checks that a content file larger than maxFileSize is
// refused, with its size and the limit, before it is read.
func TestSizeLimit(t *testing.T) {
	big := validPostingFR + strings.Repeat("x", maxFileSize-len(validPostingFR)) // 1 byte over
	runLoadCases(t, []loadCase{
		{name: "posting at the limit", files: map[string]string{postingFR: big[:maxFileSize]}},
		{name: "posting one byte over", files: map[string]string{postingFR: big + "y"},
			want: []string{postingFR + ": the file is 1,048,577 bytes (1.0 MB); a content file can hold at most 1,048,576 bytes (1 MB), hundreds of pages of text: check that this is the right file, or shorten it"}},
		{name: "site.yaml over the limit", files: map[string]string{siteFile: validSite + "# " + strings.Repeat("x", 2<<20) + "\n"},
			want: []string{siteFile + ": the file is 2,097,274 bytes (2.0 MB); a content file can hold at most 1,048,576 bytes (1 MB), hundreds of pages of text: check that this is the right file, or shorten it"}},
	})
}

// TestSizeLimitUnread checks that a file over the limit is refused by its
// size, before it is read: a sparse file of 1 GiB, through each way of
// reading a file.
func TestSizeLimitUnread(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "huge.fr.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, fsys := range []fs.FS{DirFS(dir), os.DirFS(dir)} {
		data, _, _, err := readFileStat(fsys, "huge.fr.md")
		var tl *tooLargeError
		if !errors.As(err, &tl) || tl.size != 1<<30 || data != nil {
			t.Errorf("%T: read %d bytes, %v; want a tooLargeError of 1 GiB", fsys, len(data), err)
		}
	}
}
