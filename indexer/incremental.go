package indexer

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/util"
	"github.com/klauspost/compress/zstd"

	"lextraite/corpus"
)

// Incremental builds. A generation also holds
//
//	gen/fields.zst    one line per bleve document: "id<TAB>hash of its fields"
//	gen/FORMAT       what else decides the index content (mapping, program)
//
// When the previous generation has both, the same FORMAT, and few bleve
// documents differ, Build copies its bleve index into the new generation
// (segment files are immutable: they are hard-linked, only the small
// root.bolt is copied) and applies the differences as one bleve batch:
// deletions and (re)indexing of the changed documents only. The new
// generation is then completed and switched in exactly like a full build,
// so a crash during an update leaves the previous index served.
const (
	fieldsFile = "fields.zst"
	formatFile = "FORMAT"
	// maxIncremental: an update is applied to a copy when it changes at
	// most this share of the bleve documents…
	maxIncremental = 0.25
	// …and the copied index has at most maxSegments segment files (each
	// update adds one; a full build merges them back into one).
	maxSegments = 12
	// updateBatch is how many bleve documents one update batch holds.
	updateBatch = 2000
)

// Update describes how a generation was built, in Stats.Update: "complète"
// (every bleve document written) or "incrémentale" (a copy of the previous
// generation with only the differences applied). Added, Changed and
// Removed count bleve documents (one per document, one per provision);
// Reason says why a full build was made when one was.
//
// DocsAdded, DocsChanged and DocsRemoved name, by document id and sorted,
// the documents behind an incremental update's entries: a document is
// added or removed with its own entry, and changed when its entry or one
// of its provisions' changed, appeared or went. They are empty for a full
// build.
type Update struct {
	Mode        string   `json:"mode"`
	Added       int      `json:"added"`
	Changed     int      `json:"changed"`
	Removed     int      `json:"removed"`
	Reason      string   `json:"reason,omitempty"`
	DocsAdded   []string `json:"docs_added,omitempty"`
	DocsChanged []string `json:"docs_changed,omitempty"`
	DocsRemoved []string `json:"docs_removed,omitempty"`
}

// Build modes of Update.Mode.
const (
	ModeFull        = "complète"
	ModeIncremental = "incrémentale"
)

// fieldHashes maps each bleve document id of docs to a hash of what it is
// indexed from: two documents with the same hash give the same bleve
// document. The hash covers the inputs of documentFields and
// provisionFields (docInputs, provInputs) rather than their output, which
// would run the definition finder on every provision; the program itself
// is covered by FORMAT (formatKey).
func fieldHashes(docs []*corpus.Document) map[string]string {
	type out struct{ ids, sums []string }
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan *corpus.Document)
	results := make(chan out, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var o out
			h := sha256.New()
			var buf []byte
			sum := func(id string, inputs []string) {
				h.Reset()
				for _, in := range inputs {
					buf = binary.AppendUvarint(buf[:0], uint64(len(in)))
					h.Write(buf)
					io.WriteString(h, in)
				}
				o.ids = append(o.ids, id)
				o.sums = append(o.sums, hex.EncodeToString(h.Sum(nil)[:8]))
			}
			for d := range jobs {
				common := docInputs(d)
				sum(d.ID, append(common, "document", d.Number, d.Preamble))
				docSum := o.sums[len(o.sums)-1]
				for i := range d.Provisions {
					p := &d.Provisions[i]
					sum(p.ID, append([]string{docSum, "provision"}, provInputs(p)...))
				}
			}
			results <- o
		}()
	}
	go func() {
		for _, d := range docs {
			jobs <- d
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	m := make(map[string]string, len(docs)*6)
	for o := range results {
		for i, id := range o.ids {
			m[id] = o.sums[i]
		}
	}
	return m
}

// docInputs lists what commonFields and docTitles read of d, and what
// provisionFields reads of the document (documentFields also reads its
// Number and Preamble); provInputs what provisionFields reads of p. A
// provision's hash covers its document's hash. TestFieldInputs checks that a change to any
// field of Document or Provision that changes the bleve fields changes
// these lists.
func docInputs(d *corpus.Document) []string {
	court := ""
	if d.Decision != nil {
		court = d.Decision.Court
	}
	in := []string{d.ID, d.Jurisdiction, d.Kind, d.Language, d.Date, court, d.Source, d.Title,
		fmt.Sprint(len(d.ShortTitles))}
	return append(in, d.ShortTitles...)
}

func provInputs(p *corpus.Provision) []string {
	return []string{p.ID, p.Language, p.Anchor, p.Number, p.Text, p.Source, p.Heading}
}

// writeFields writes fields.zst (sorted by id, so that equal generations
// give equal files) and fsyncs it.
func writeFields(path string, hashes map[string]string) error {
	ids := make([]string, 0, len(hashes))
	for id := range hashes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<16)
	zw, err := zstd.NewWriter(bw, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(1<<20))
	if err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	for _, id := range ids {
		io.WriteString(zw, id)
		zw.Write([]byte{'\t'})
		io.WriteString(zw, hashes[id])
		zw.Write([]byte{'\n'})
	}
	return closeSynced(path, f, bw, zw)
}

// readFields reads a fields.zst written by writeFields.
func readFields(path string) (map[string]string, error) {
	m := map[string]string{}
	err := readZstd(path, func(r io.Reader) error {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			id, sum, ok := strings.Cut(sc.Text(), "\t")
			if !ok || sum == "" {
				return fmt.Errorf("ligne invalide %q", sc.Text())
			}
			m[id] = sum
		}
		return sc.Err()
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// formatKey identifies everything besides the documents that decides what
// a bleve index contains: the index mapping and the program that analyses
// the text (corpus.ProgramHash). An update is applied to a previous
// generation only when its FORMAT is this key, so a new version of
// lextraite (other analyzers, other stemmer) always rebuilds.
var formatKey = sync.OnceValues(func() (string, error) {
	m, err := newMapping()
	if err != nil {
		return "", err
	}
	mb, err := util.MarshalJSON(m)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write(mb)
	io.WriteString(h, corpus.ProgramHash())
	return fmt.Sprintf("v%d %x", storeVersion, h.Sum(nil)[:16]), nil
})

// diff is what changes between two generations, by bleve document id.
type diff struct {
	upsert  []string // added or changed
	remove  []string
	added   int
	changed int
	// documents behind the entries (Update.DocsAdded…)
	docsAdded, docsChanged, docsRemoved []string
}

func diffHashes(prev, next map[string]string) diff {
	var d diff
	for id, h := range next {
		switch ph, ok := prev[id]; {
		case !ok:
			d.added++
			d.upsert = append(d.upsert, id)
		case ph != h:
			d.changed++
			d.upsert = append(d.upsert, id)
		}
	}
	for id := range prev {
		if _, ok := next[id]; !ok {
			d.remove = append(d.remove, id)
		}
	}
	sort.Strings(d.upsert)
	sort.Strings(d.remove)
	d.docsAdded, d.docsChanged, d.docsRemoved = docChanges(prev, next, d)
	return d
}

// docChanges names the documents behind d's entries (see Update). An
// entry id is a document id, or "docid/anchor" for a provision.
func docChanges(prev, next map[string]string, d diff) (added, changed, removed []string) {
	docOf := func(id string) string {
		doc, _, _ := strings.Cut(id, "/")
		return doc
	}
	touched := map[string]bool{}
	for _, id := range d.upsert {
		touched[docOf(id)] = true
	}
	for _, id := range d.remove {
		touched[docOf(id)] = true
	}
	for doc := range touched {
		_, inPrev := prev[doc]
		_, inNext := next[doc]
		switch {
		case inNext && !inPrev:
			added = append(added, doc)
		case inPrev && !inNext:
			removed = append(removed, doc)
		default:
			changed = append(changed, doc)
		}
	}
	sort.Strings(added)
	sort.Strings(changed)
	sort.Strings(removed)
	return added, changed, removed
}

// planUpdate decides whether the generation prevGen can be updated into a
// new one: it returns the differences, or a reason for a full build.
func planUpdate(prevGen string, next map[string]string) (diff, string) {
	if prevGen == "" || !isComplete(prevGen) {
		return diff{}, "pas d'index précédent"
	}
	key, err := formatKey()
	if err != nil {
		return diff{}, "format inconnu : " + err.Error()
	}
	b, err := os.ReadFile(filepath.Join(prevGen, formatFile))
	if err != nil || strings.TrimSpace(string(b)) != key {
		return diff{}, "index précédent construit par une autre version de lextraite"
	}
	prev, err := readFields(filepath.Join(prevGen, fieldsFile))
	if err != nil {
		return diff{}, "index précédent sans empreintes lisibles"
	}
	d := diffHashes(prev, next)
	n := len(d.upsert) + len(d.remove)
	if float64(n) > maxIncremental*float64(max(len(next), 1)) {
		return diff{}, fmt.Sprintf("%d documents bleve sur %d changent", n, len(next))
	}
	segs, _ := filepath.Glob(filepath.Join(prevGen, bleveDir, "store", "*.zap"))
	if len(segs) >= maxSegments {
		return diff{}, fmt.Sprintf("%d segments à fusionner", len(segs))
	}
	return d, ""
}

// copyBleve makes dst a copy of the bleve index at src: segment files
// (*.zap, never modified once written) are hard-linked, falling back to a
// copy across file systems; every other file is copied.
func copyBleve(src, dst string) error {
	return filepath.WalkDir(src, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if e.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if strings.HasSuffix(path, ".zap") {
			if err := os.Link(path, target); err == nil {
				return nil
			}
		}
		return copyFile(path, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// updateBleve copies the bleve index of prevGen to path and applies d:
// the documents of d.upsert are (re)indexed from docs, those of d.remove
// deleted, in batches that bleve persists before returning. progress, if
// not nil, is called with the bleve documents written so far.
func updateBleve(ctx context.Context, prevGen, path string, docs []*corpus.Document, d diff, progress func(done, total int)) error {
	if err := copyBleve(filepath.Join(prevGen, bleveDir), path); err != nil {
		return fmt.Errorf("indexer: copie de l'index précédent : %w", err)
	}
	want := make(map[string]bool, len(d.upsert))
	for _, id := range d.upsert {
		want[id] = true
	}
	bi, err := bleve.Open(path)
	if err != nil {
		return fmt.Errorf("indexer: ouverture de la copie : %w", err)
	}
	total := len(d.upsert) + len(d.remove)
	done := 0
	b := bi.NewBatch()
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("indexer: construction interrompue: %w", err)
		}
		n := b.Size()
		if err := bi.Batch(b); err != nil {
			return fmt.Errorf("indexer: mise à jour : %w", err)
		}
		done += n
		if progress != nil {
			progress(done, total)
		}
		// A new batch, not b.Reset(): bleve's Batch may still range over
		// a batch of deletions only after it returns (blevesearch/bleve
		// #1149, #1460), and Reset would write under it.
		b = bi.NewBatch()
		return nil
	}
	add := func(id string, fields map[string]any) error {
		if err := b.Index(id, fields); err != nil {
			return fmt.Errorf("indexer: %s: %w", id, err)
		}
		if b.Size() >= updateBatch {
			return flush()
		}
		return nil
	}
	err = func() error {
		for _, id := range d.remove {
			b.Delete(id)
			if b.Size() >= updateBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		// Fields are made only for the documents to write: making them
		// runs the definition finder over the text.
		for _, doc := range docs {
			if want[doc.ID] {
				if err := add(doc.ID, documentFields(doc)); err != nil {
					return err
				}
			}
			for i := range doc.Provisions {
				p := &doc.Provisions[i]
				if !want[p.ID] {
					continue
				}
				if err := add(p.ID, provisionFields(doc, p)); err != nil {
					return err
				}
			}
		}
		return flush()
	}()
	if cerr := bi.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("indexer: %w", cerr)
	}
	return err
}
