package corpus

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// parseCacheVersion is part of every cache key, with ProgramHash: an entry
// written by another build of lextraite (another loader, structure
// splitter, metadata inference or citation extractor) is never read.
const parseCacheVersion = "lextraite-parse-1"

// ProgramHash identifies the running program: the hex sha256 of its
// executable, read once (a fixed "inconnu" when it cannot be read, in
// which case callers keyed by it may reuse data across versions). The
// parse cache and the index's FORMAT are keyed by it, so that a new
// version of lextraite never reuses what an older one derived.
var ProgramHash = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return "inconnu"
	}
	f, err := os.Open(exe)
	if err != nil {
		return "inconnu"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "inconnu"
	}
	return hex.EncodeToString(h.Sum(nil))
})

// cacheVersion is the version written in, and required of, every entry.
func cacheVersion() string { return parseCacheVersion + " " + ProgramHash() }

// ParseCache keeps the documents parsed from each unit (a file, or a folder
// read as one document) in a directory, keyed by the sha256 of everything
// the parse depends on: the unit's path and files' content, its merged
// metadata (sidecar and overlays), the OCR switch and cacheVersion (the
// program that parsed it).
// An unchanged file is then read back instead of parsed again. Entries are
// gzipped JSON, so every hit decodes fresh documents that no other run
// shares. Only successful parses are kept; a failure is retried each time.
// Citation resolution is not cached: it depends on the whole corpus.
//
// A ParseCache is safe for use by several goroutines.
type ParseCache struct {
	dir  string
	mu   sync.Mutex
	used map[string]bool // entry names read or written since NewParseCache
}

// NewParseCache returns a cache kept in dir (created on first write).
func NewParseCache(dir string) *ParseCache {
	return &ParseCache{dir: dir, used: map[string]bool{}}
}

// cacheEntry is the stored content of one unit.
type cacheEntry struct {
	Version   string      `json:"version"`
	Source    string      `json:"source"`
	Documents []*Document `json:"documents"`
	Skipped   []Skipped   `json:"skipped,omitempty"`
}

// loadUnitCached is loadUnit through the cache (c may be nil). hit reports
// whether the documents came from the cache.
func (c *ParseCache) loadUnitCached(u unit, src metaSources, ocr OCRConfig) (docs []*Document, skip []Skipped, hit bool) {
	if c == nil {
		docs, skip = loadUnit(u, src, ocr)
		return docs, skip, false
	}
	key, err := unitKey(u, src, ocr)
	if err == nil {
		if e, ok := c.read(key); ok && e.Source == u.rel {
			return e.Documents, e.Skipped, true
		}
	}
	docs, skip = loadUnit(u, src, ocr)
	if err == nil && len(docs) > 0 {
		// Errors are ignored: the cache only saves time.
		_ = c.write(key, &cacheEntry{Version: cacheVersion(), Source: u.rel, Documents: docs, Skipped: skip})
	}
	return docs, skip, false
}

// unitKey hashes what the parse of u depends on.
func unitKey(u unit, src metaSources, ocr OCRConfig) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00folder=%t\x00ocr-disabled=%t\x00", cacheVersion(), u.rel, u.folder, ocr.Disabled)
	metas, err := src.lookup(u.rel, u.abs)
	if err != nil {
		return "", err
	}
	mj, err := json.Marshal(metas)
	if err != nil {
		return "", err
	}
	h.Write(mj)
	h.Write([]byte{0})
	if !u.folder {
		if err := hashFile(h, u.abs); err != nil {
			return "", err
		}
		return hex.EncodeToString(h.Sum(nil)), nil
	}
	var files []string
	err = filepath.WalkDir(u.abs, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	for _, p := range files {
		rel, _ := filepath.Rel(u.abs, p)
		fmt.Fprintf(h, "%s\x00", filepath.ToSlash(rel))
		if err := hashFile(h, p); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashFile writes the file's size and sha256 into h.
func hashFile(h io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fh := sha256.New()
	n, err := io.Copy(fh, f)
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "%d:%x\x00", n, fh.Sum(nil))
	return nil
}

func (c *ParseCache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+".json.gz")
}

func (c *ParseCache) markUsed(key string) {
	c.mu.Lock()
	c.used[key] = true
	c.mu.Unlock()
}

// read returns the entry for key, if present and readable.
func (c *ParseCache) read(key string) (*cacheEntry, bool) {
	f, err := os.Open(c.path(key))
	if err != nil {
		return nil, false
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, false
	}
	var e cacheEntry
	if err := json.NewDecoder(zr).Decode(&e); err != nil || e.Version != cacheVersion() || len(e.Documents) == 0 {
		return nil, false
	}
	c.markUsed(key)
	return &e, true
}

// write stores e under key: a temporary file renamed into place, so a
// crash never leaves a truncated entry under a valid name.
func (c *ParseCache) write(key string, e *cacheEntry) error {
	p := c.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	zw, _ := gzip.NewWriterLevel(f, gzip.BestSpeed)
	if err := json.NewEncoder(zw).Encode(e); err != nil {
		f.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), p); err != nil {
		return err
	}
	c.markUsed(key)
	return nil
}

// Prune deletes the entries neither read nor written since NewParseCache
// (files removed or changed since the previous run), and leftover
// temporary files. Call it after a complete LoadDir only.
func (c *ParseCache) Prune() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	err := filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		name := d.Name()
		key := strings.TrimSuffix(name, ".json.gz")
		if !c.used[key] {
			os.Remove(p)
		}
		return nil
	})
	if os.IsNotExist(err) {
		return nil
	}
	return err
}
