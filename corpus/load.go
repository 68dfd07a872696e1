package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Options configure LoadDir.
type Options struct {
	// Overlays are metadata overlay folders mirroring the corpus paths,
	// weakest first (typically DefaultOverlay() then the user's -meta DIR).
	Overlays []fs.FS
	// Progress, when set, is called once per unit loaded (a file, or a
	// folder read as one document) with the unit's path and its file count.
	// It may be called from several goroutines.
	Progress func(rel string, files int)
	// Units, when set, is called once with the total number of files
	// before loading starts.
	Units func(files int)
	// OCR configures the recognition of scanned PDF pages (Tesseract); the
	// zero value recognises them with the default cache. Without Tesseract
	// such files are reported "à océriser".
	OCR OCRConfig
	// Cache, when set, keeps parsed documents by content hash so that
	// unchanged units are not parsed again (see ParseCache).
	Cache *ParseCache
}

// Report is the outcome of LoadDir: every document, and every file that
// was not indexed with its reason.
type Report struct {
	// FilesSeen counts every regular file under the root.
	FilesSeen int
	// Documents are sorted by Source then Language.
	Documents []*Document
	// Skipped files, sorted by Path.
	Skipped []Skipped
	// Warnings are about files that were indexed but need the user's
	// attention (a sidecar's unknown key, an id already taken), sorted by
	// Path; Code is duplicate-id or meta.
	Warnings []Skipped
	// Parsed and Cached count the units (files, or folders read as one
	// document) parsed in this run and those read back from Options.Cache.
	Parsed, Cached int
}

// unit is a file, or a folder read as one document.
type unit struct {
	rel    string // corpus-relative, forward slashes
	abs    string
	folder bool
	files  int
}

// LoadDir reads every document under root. A file that cannot be read is
// reported in Report.Skipped with its reason and never stops the others.
// The error is non-nil only when root itself cannot be walked.
func LoadDir(root string, opt Options) (*Report, error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("corpus %s : %w", root, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("corpus %s : ce n'est pas un dossier", root)
	}
	rep := &Report{}
	units, skipped, seen, err := findUnits(root)
	if err != nil {
		return nil, err
	}
	rep.FilesSeen = seen
	rep.Skipped = skipped
	if opt.Units != nil {
		opt.Units(seen)
	}
	src := metaSources{overlays: opt.Overlays}

	type result struct {
		docs []*Document
		skip []Skipped
		hit  bool
	}
	results := make([]result, len(units))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				u := units[i]
				docs, skip, hit := opt.Cache.loadUnitCached(u, src, opt.OCR)
				results[i] = result{docs, skip, hit}
				if opt.Progress != nil {
					opt.Progress(u.rel, u.files)
				}
			}
		}()
	}
	for i := range units {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, r := range results {
		rep.Documents = append(rep.Documents, r.docs...)
		for _, sk := range r.skip {
			if isWarning(sk) {
				rep.Warnings = append(rep.Warnings, sk)
			} else {
				rep.Skipped = append(rep.Skipped, sk)
			}
		}
		if r.hit {
			rep.Cached++
		} else {
			rep.Parsed++
		}
	}
	rep.Warnings = append(rep.Warnings, dedupeIDs([][]*Document{rep.Documents})...)
	rep.Warnings = append(rep.Warnings, sameText(rep.Documents)...)
	sort.SliceStable(rep.Documents, func(i, j int) bool {
		if rep.Documents[i].Source != rep.Documents[j].Source {
			return rep.Documents[i].Source < rep.Documents[j].Source
		}
		return rep.Documents[i].ID < rep.Documents[j].ID
	})
	sort.Slice(rep.Skipped, func(i, j int) bool { return rep.Skipped[i].Path < rep.Skipped[j].Path })
	sort.SliceStable(rep.Warnings, func(i, j int) bool { return rep.Warnings[i].Path < rep.Warnings[j].Path })
	return rep, nil
}

// findUnits walks root and returns the units to load, the files skipped
// outright, and the number of regular files seen.
func findUnits(root string) ([]unit, []Skipped, int, error) {
	var (
		units    []unit
		skipped  []Skipped
		seen     int
		folders  = map[string]*unit{}
		sidecars []string
	)
	err := filepath.WalkDir(root, func(abs string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, abs)
		rel = filepath.ToSlash(rel)
		if err != nil {
			skipped = append(skipped, Skipped{Path: rel, Reason: "illisible : " + oneLine(err.Error()), Code: "error"})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if rel != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			if rel != "." && isIndexDir(abs) {
				skipped = append(skipped, Skipped{Path: rel, Reason: "dossier d'index lextraite (pas un texte), ignoré", Code: CodeIgnored})
				return fs.SkipDir
			}
			if rel != "." && isFolderDocument(abs) {
				u := &unit{rel: rel, abs: abs, folder: true}
				folders[rel] = u
				units = append(units, *u)
				n := 0
				_ = filepath.WalkDir(abs, func(_ string, d fs.DirEntry, err error) error {
					if err == nil && d.Type().IsRegular() {
						n++
					}
					return nil
				})
				seen += n
				units[len(units)-1].files = n
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			seen++
			skipped = append(skipped, Skipped{Path: rel, Reason: specialFileReason(d.Type()), Code: "unsupported"})
			return nil
		}
		seen++
		name := d.Name()
		switch {
		case strings.HasPrefix(name, "."):
			skipped = append(skipped, Skipped{Path: rel, Reason: "fichier caché, ignoré", Code: CodeIgnored})
		case strings.HasSuffix(name, ".meta.yaml"):
			// a sidecar: read with the file it describes
			sidecars = append(sidecars, rel)
		case rel == "SOURCES.md":
			skipped = append(skipped, Skipped{Path: rel, Reason: "notice de provenance du corpus, pas un texte juridique", Code: CodeIgnored})
		default:
			units = append(units, unit{rel: rel, abs: abs, files: 1})
		}
		return nil
	})
	if err != nil {
		return nil, nil, 0, err
	}
	for _, rel := range sidecars {
		if !sidecarHasTarget(root, rel) {
			name := strings.TrimSuffix(path.Base(rel), ".meta.yaml")
			skipped = append(skipped, Skipped{Path: rel, Code: "unsupported",
				Reason: fmt.Sprintf("métadonnées orphelines : aucun fichier « %s » ni « %s.* » à côté (fichier renommé ou supprimé ?)", name, name)})
		}
	}
	return units, skipped, seen, nil
}

// specialFileReason says why a file that is neither regular nor a folder
// is not read.
func specialFileReason(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "lien symbolique non suivi : copier le fichier lui-même dans le corpus"
	case m&fs.ModeNamedPipe != 0:
		return "tube nommé (FIFO), pas un fichier : ignoré"
	case m&fs.ModeSocket != 0:
		return "socket, pas un fichier : ignoré"
	case m&fs.ModeDevice != 0:
		return "fichier de périphérique, pas un fichier ordinaire : ignoré"
	}
	return "fichier spécial, pas un fichier ordinaire : ignoré"
}

// sidecarHasTarget reports whether the sidecar at rel (NAME.meta.yaml)
// describes something: NAME itself (a file or a folder) or a file
// NAME.EXT beside it (the sidecar of NAME.pdf may be NAME.meta.yaml).
func sidecarHasTarget(root, rel string) bool {
	abs := filepath.Join(root, filepath.FromSlash(strings.TrimSuffix(rel, ".meta.yaml")))
	if _, err := os.Lstat(abs); err == nil {
		return true
	}
	dir, name := filepath.Split(abs)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return true // unreadable: not claimed orphan
	}
	for _, e := range entries {
		n := e.Name()
		if strings.HasSuffix(n, ".meta.yaml") {
			continue
		}
		if ext := path.Ext(n); ext != "" && strings.TrimSuffix(n, ext) == name {
			return true
		}
	}
	return false
}

// isIndexDir recognises a lextraite index folder (its generations and
// caches), so an index built inside the corpus is not read as texts.
func isIndexDir(dir string) bool {
	if fi, err := os.Lstat(filepath.Join(dir, "current")); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return true
	}
	if fi, err := os.Stat(filepath.Join(dir, "parse-cache")); err == nil && fi.IsDir() {
		return true
	}
	m, _ := filepath.Glob(filepath.Join(dir, "gen-*", "COMPLETE"))
	return len(m) > 0
}

var reArticleFile = regexp.MustCompile(`(?i)^article-[^/]+\.md$`)

// isFolderDocument reports whether dir is a folder of per-article files
// read as one document: it holds a metadata.json, or a README.md beside
// article-*.md files (DESIGN.md, "What a document is").
func isFolderDocument(dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, "metadata.json")); err == nil {
		return true
	}
	if _, err := os.Stat(filepath.Join(dir, "README.md")); err != nil {
		return false
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if reArticleFile.MatchString(e.Name()) {
			return true
		}
	}
	return false
}

// loadUnit loads one unit, recovering any panic of a loader into a
// Skipped entry for that unit.
func loadUnit(u unit, src metaSources, ocr OCRConfig) (docs []*Document, skip []Skipped) {
	defer func() {
		if r := recover(); r != nil {
			docs = nil
			skip = append(skip, Skipped{Path: u.rel, Reason: oneLine(fmt.Sprintf("erreur interne du chargeur : %v", r)), Code: "error"})
		}
	}()
	metas, err := src.lookup(u.rel, u.abs)
	if err != nil {
		return nil, []Skipped{{Path: u.rel, Reason: skipReason(err, u), Code: "error"}}
	}
	for _, m := range metas {
		for _, w := range m.warnings {
			skip = append(skip, Skipped{Path: u.rel, Reason: w, Code: warnMeta})
		}
	}
	for _, m := range metas {
		if m.Skip != "" {
			return nil, append(skip, Skipped{Path: u.rel, Reason: m.Skip, Code: CodeIgnored})
		}
	}
	if u.folder {
		var fskip []Skipped
		docs, fskip, err = loadFolder(u)
		skip = append(skip, fskip...)
	} else {
		docs, err = loadFile(u, metas, ocr)
	}
	if err != nil {
		return nil, append(skip, Skipped{Path: u.rel, Reason: skipReason(err, u), Code: skipCode(err)})
	}
	for _, d := range docs {
		finish(d, u, metas)
	}
	return docs, skip
}

// loadFile dispatches on the extension, sniffing content only when the
// extension is unknown.
func loadFile(u unit, metas []*Meta, ocr OCRConfig) ([]*Document, error) {
	ext := strings.ToLower(path.Ext(u.rel))
	format := map[string]string{".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".xhtml": "html",
		".pdf": "pdf", ".txt": "txt", ".text": "txt", ".json": "json", ".xml": "xml"}[ext]
	if format == "pdf" {
		return loadPDF(u, metas, ocr)
	}
	data, err := os.ReadFile(u.abs)
	if err != nil {
		return nil, err
	}
	data = fromUTF16(data)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	if format == "" {
		format = sniff(data)
	}
	if (format == "md" || format == "html" || format == "txt") && looksBinary(data) {
		return nil, fmt.Errorf("%w : contenu binaire, pas du texte (%s) ; si c'est bien du texte, encodage non reconnu : l'enregistrer en UTF-8", ErrCorrupt, format)
	}
	switch format {
	case "md":
		return loadMarkdown(u, data, metas)
	case "html":
		return loadHTML(u, data, metas)
	case "txt":
		return loadText(u, data, metas)
	case "json":
		return loadJSON(u, data)
	case "pdf":
		return loadPDF(u, metas, ocr)
	case "xml":
		return loadXML(u, data, metas)
	}
	return nil, fmt.Errorf("%w : extension %q non reconnue et contenu non textuel", ErrUnsupported, ext)
}

// sniff guesses a format from content, for files with an unknown extension.
func sniff(data []byte) string {
	head := bytes.ToLower(bytes.TrimSpace(data[:min(len(data), 512)]))
	switch {
	case bytes.HasPrefix(head, []byte("%pdf-")):
		return "pdf"
	case bytes.HasPrefix(head, []byte("<!doctype html")), bytes.HasPrefix(head, []byte("<html")):
		return "html"
	case bytes.HasPrefix(head, []byte("<meta")), bytes.HasPrefix(head, []byte("---")), bytes.HasPrefix(head, []byte("#")):
		return "md"
	case bytes.HasPrefix(head, []byte("{")), bytes.HasPrefix(head, []byte("[")):
		return "json"
	case bytes.HasPrefix(head, []byte("<?xml")):
		return "xml"
	}
	if utf8.Valid(data) && bytes.IndexByte(data, 0) < 0 {
		return "txt"
	}
	return ""
}

// decodeText returns data as UTF-8: UTF-8 (BOM stripped) when valid, else
// windows-1252, the superset of ISO-8859-1 that such files use in practice.
func decodeText(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return string(data)
	}
	if mostlyUTF8(data) {
		// UTF-8 with a few damaged bytes: keep the valid text as it is.
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return string(s)
}

// fromUTF16 converts a text starting with a UTF-16 byte order mark to
// UTF-8 (Windows editors save "Unicode" text so); other data is returned
// unchanged.
func fromUTF16(data []byte) []byte {
	var e encoding.Encoding
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		e = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		e = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	default:
		switch utf16WithoutBOM(data) {
		case 'l':
			e = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
		case 'b':
			e = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
		default:
			return data
		}
	}
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return out
}

// utf16WithoutBOM recognises UTF-16 text saved without a byte order mark
// by the NUL bytes of its Latin characters: 'l' for little endian (NULs
// at odd offsets), 'b' for big endian (NULs at even offsets), 0 otherwise.
func utf16WithoutBOM(data []byte) byte {
	head := data[:min(len(data), 4096)&^1]
	if len(head) < 4 {
		return 0
	}
	var even, odd int
	for i := 0; i < len(head); i += 2 {
		if head[i] == 0 {
			even++
		}
		if head[i+1] == 0 {
			odd++
		}
	}
	pairs := len(head) / 2
	switch {
	case odd*10 >= pairs*6 && even*50 <= pairs:
		return 'l'
	case even*10 >= pairs*6 && odd*50 <= pairs:
		return 'b'
	}
	return 0
}

// skipReason is the reason shown for a file not indexed: the error's
// message with the file's absolute path replaced by its corpus path, so
// the public /corpus page never shows the server's folders.
func skipReason(err error, u unit) string {
	msg := oneLine(err.Error())
	if u.abs != "" {
		msg = strings.ReplaceAll(msg, u.abs, u.rel)
		if dir := filepath.Dir(u.abs); dir != "." && dir != "/" {
			msg = strings.ReplaceAll(msg, dir+string(filepath.Separator), "")
		}
	}
	return msg
}

// mostlyUTF8 reports whether data, though not valid UTF-8, is a damaged
// UTF-8 file rather than a windows-1252 one: windows-1252 French text
// almost never forms a valid multi-byte UTF-8 sequence ("Ã©"), so a few
// valid sequences against not too many invalid bytes decide it.
func mostlyUTF8(data []byte) bool {
	valid, invalid := 0, 0
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			invalid++
			i++
			continue
		}
		valid++
		i += size
	}
	return valid > 0 && valid*4 >= invalid
}

// looksBinary reports whether data is not text at all: NUL bytes or many
// control characters in its first 8 KiB (junk, an image or an archive
// named .html or .txt).
func looksBinary(data []byte) bool {
	head := data[:min(len(data), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, b := range head {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			ctrl++
		}
	}
	return ctrl*100 > len(head)
}

// newDoc returns a document with the unit's defaults.
func newDoc(u unit, format string) *Document {
	return &Document{Source: u.rel, Format: format, Notes: []string{}, ShortTitles: []string{}}
}

// loadMarkdown reads a Markdown file: YAML front matter, goldmark, and the
// split of -en-nl/-fr-nl files into one document per language.
func loadMarkdown(u unit, data []byte, metas []*Meta) ([]*Document, error) {
	fm, body := splitFrontMatter([]byte(decodeText(data)))
	blocks := markdownBlocks(unmangleFedlex(body))
	if len(blocks) == 0 {
		return nil, ErrEmpty
	}
	parts := splitLanguages(blocks)
	var docs []*Document
	for _, p := range parts {
		d := newDoc(u, "md")
		d.Language = p.lang
		if fm != nil {
			d.Title = fm.Title
			if fm.SRNumber != "" {
				d.Number = fm.SRNumber
			} else if fm.Chapter != "" {
				d.Number = fm.Chapter
			}
			if fm.Language != "" && fm.Language == detectLanguage(blocksText(p.blocks, 4000)) {
				d.Language = fm.Language
			}
		}
		if d.Title == "" {
			d.Title = p.title
		}
		d.parseBlocks(p.blocks, metas)
		docs = append(docs, d)
	}
	return docs, nil
}

// langPart is one language version inside a file.
type langPart struct {
	lang   string
	title  string
	blocks []block
}

// splitLanguages cuts a file holding an authentic text then its Dutch
// translation (the BWB treaty exports: a <meta> line, the Dutch title, the
// authentic text, then the translation) into one part per language. The
// boundary is the first title-level heading that follows body text and
// after which the text is in another language. A file in one language is
// one part.
func splitLanguages(blocks []block) []langPart {
	firstLang := detectLanguage(blocksText(blocks, 6000))
	seenArticle := false
	for i, b := range blocks {
		if b.level == 0 {
			continue
		}
		if _, _, ok := articleHead(b.text); ok {
			seenArticle = true
			continue
		}
		if !seenArticle || b.level < 2 || i == 0 || blocks[i-1].level != 0 {
			continue
		}
		after := detectLanguage(blocksText(blocks[i+1:], 3000))
		if after != firstLang && after == "nl" {
			return []langPart{
				titledPart(firstLang, blocks[:i]),
				{lang: after, title: strings.TrimSpace(b.text), blocks: blocks[i+1:]},
			}
		}
	}
	return []langPart{titledPart(firstLang, blocks)}
}

// titledPart picks the title of the first language part: in the BWB
// exports the first heading is the Dutch title and the second the
// authentic one.
func titledPart(lang string, blocks []block) langPart {
	p := langPart{lang: lang, blocks: blocks}
	var heads []int
	for i, b := range blocks {
		if b.level > 0 {
			if _, _, ok := articleHead(b.text); ok {
				break
			}
			heads = append(heads, i)
		}
		if len(heads) == 2 {
			break
		}
	}
	switch {
	case len(heads) == 2 && detectLanguage(blocks[heads[0]].text) == "nl" && lang != "nl":
		p.title = blocks[heads[1]].text
		p.blocks = append(append([]block{}, blocks[:heads[0]]...), blocks[heads[0]+1:]...)
	case len(heads) > 0:
		p.title = blocks[heads[0]].text
	}
	return p
}

func blocksText(blocks []block, max int) string {
	var b strings.Builder
	for _, bl := range blocks {
		if b.Len() > max {
			break
		}
		b.WriteString(bl.text)
		b.WriteByte(' ')
	}
	return b.String()
}

// parseBlocks splits blocks into the document's preamble and provisions.
// The document id is provisional here and fixed in finish.
func (d *Document) parseBlocks(blocks []block, metas []*Meta) {
	kind := d.Kind
	for _, m := range metas {
		if m.Kind != "" {
			kind = m.Kind
		}
	}
	opt := splitOptions{lang: d.Language, noArticles: kind == KindDecision || kind == KindTravauxPreparatoires}
	if !opt.noArticles && !hasArticleHeadings(blocks) {
		opt.numericHeads = true
	}
	for i := range blocks {
		blocks[i].text = reflowAlineas(blocks[i].text)
	}
	d.Preamble, d.Provisions, d.Outline = splitOutline("", d.Source, blocks, opt)
}

func hasArticleHeadings(blocks []block) bool {
	for _, b := range blocks {
		if _, _, ok := articleHead(b.text); ok {
			return true
		}
	}
	return false
}

// loadText reads a plain-text file, one block per paragraph.
func loadText(u unit, data []byte, metas []*Meta) ([]*Document, error) {
	d := newDoc(u, "txt")
	blocks := textBlocks(decodeText(data))
	if len(blocks) == 0 {
		return nil, ErrEmpty
	}
	d.Language = detectLanguage(blocksText(blocks, 4000))
	d.Title = docTitle(u, blocks)
	d.parseBlocks(blocks, metas)
	return []*Document{d}, nil
}

// docTitle is the line naming the instrument among the first blocks of a
// legal text ("LOI N°2012-023 DU 12 JUILLET 2012…", after the state's
// heading), else the first line.
func docTitle(u unit, blocks []block) string {
	if !strings.HasPrefix(u.rel, "decisions/") {
		if t := titleLine(blocks); t != "" {
			return t
		}
	}
	return firstLine(blocks)
}

// loadPDF reads a PDF's text layer, recognising scanned pages with
// Tesseract (OCRPDF); OCR'd provisions are marked.
func loadPDF(u unit, metas []*Meta, ocr OCRConfig) ([]*Document, error) {
	res, err := OCRPDF(u.abs, ocr)
	if err != nil {
		return nil, err
	}
	blocks := textBlocks(res.Text)
	if len(blocks) == 0 {
		return nil, ErrNoText
	}
	d := newDoc(u, "pdf")
	d.Language = detectLanguage(blocksText(blocks, 4000))
	d.Title = docTitle(u, blocks)
	d.parseBlocks(blocks, metas)
	res.Mark(d)
	return []*Document{d}, nil
}

// textBlocks splits plain text into blocks: an article heading line always
// starts a new block, other lines are joined into paragraphs separated by
// blank lines (softParagraphs decides wrapped lines versus alinéas).
func textBlocks(s string) []block {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var out []block
	var para []string
	flush := func() {
		if len(para) > 0 {
			for _, p := range softParagraphs(strings.Join(para, "\n")) {
				out = append(out, block{text: p})
			}
			para = nil
		}
	}
	for _, line := range strings.Split(s, "\n") {
		t := strings.TrimSpace(strings.ReplaceAll(line, "\f", ""))
		if t == "" {
			flush()
			continue
		}
		if _, _, ok := articleHead(t); ok {
			flush()
		}
		para = append(para, t)
		if _, _, ok := articleHead(t); ok && utf8.RuneCountInString(t) < 120 {
			flush()
		}
	}
	flush()
	return out
}

func firstLine(blocks []block) string {
	for _, b := range blocks {
		t := strings.TrimSpace(b.text)
		if t != "" {
			if r := []rune(t); len(r) > 200 {
				return string(r[:200]) + "…"
			}
			return t
		}
	}
	return ""
}

// Where is the path to show a user: Root joined to Path when Root is set,
// Path alone otherwise.
func (s Skipped) Where() string {
	if s.Root == "" {
		return s.Path
	}
	return strings.TrimSuffix(filepath.ToSlash(s.Root), "/") + "/" + s.Path
}

// MergeReports joins the reports of several corpus folders read one after
// the other (a shared corpus and a user's own texts): files and documents
// add up, and document ids are made unique across them as within one, an
// earlier report keeping its ids.
func MergeReports(reps ...*Report) *Report {
	out := &Report{}
	var groups [][]*Document
	for _, r := range reps {
		out.FilesSeen += r.FilesSeen
		out.Parsed += r.Parsed
		out.Cached += r.Cached
		out.Documents = append(out.Documents, r.Documents...)
		out.Skipped = append(out.Skipped, r.Skipped...)
		out.Warnings = append(out.Warnings, r.Warnings...)
		groups = append(groups, r.Documents)
	}
	if len(reps) > 1 {
		out.Warnings = append(out.Warnings, dedupeIDs(groups)...)
		// copies across folders; those inside one were reported by its
		// LoadDir
		for _, w := range sameText(out.Documents) {
			if !slices.Contains(out.Warnings, w) {
				out.Warnings = append(out.Warnings, w)
			}
		}
		sort.SliceStable(out.Documents, func(i, j int) bool { return out.Documents[i].Source < out.Documents[j].Source })
	}
	return out
}

// canonicalSource reports whether a path is already written as an id
// (lowercase letters, digits, hyphens, slashes, one extension): such a
// file keeps its derived id against a "Note A.txt" or "note_a.md".
func canonicalSource(src string) bool {
	src = strings.TrimSuffix(src, path.Ext(src))
	for _, r := range src {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '/' || r == '.') {
			return false
		}
	}
	return true
}

// Warning codes (Report.Warnings).
const (
	warnDuplicateID = "duplicate-id"
	warnMeta        = "meta"
	warnSameText    = "same-text"
)

func isWarning(s Skipped) bool {
	return s.Code == warnDuplicateID || s.Code == warnMeta || s.Code == warnSameText
}

// sameText returns a warning for each document whose text (preamble and
// provisions) is, word for word, that of another document read before it
// in source order: the same law copied under two names is indexed twice
// and its results come twice. Both stay in the base; the user decides.
func sameText(docs []*Document) []Skipped {
	sorted := slices.Clone(docs)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Source < sorted[j].Source })
	first := map[[32]byte]*Document{}
	var out []Skipped
	for _, d := range sorted {
		h := sha256.New()
		n := 0
		write := func(s string) {
			f := strings.Join(strings.Fields(s), " ")
			n += len(f)
			h.Write([]byte(f))
			h.Write([]byte{0})
		}
		write(d.Preamble)
		for i := range d.Provisions {
			write(d.Provisions[i].Text)
		}
		if n < 200 {
			continue // a stub, a heading: too short to call a copy
		}
		var k [32]byte
		copy(k[:], h.Sum(nil))
		if o := first[k]; o != nil && o.Source != d.Source {
			out = append(out, Skipped{Path: d.Source, Code: warnSameText,
				Reason: fmt.Sprintf("même texte que %s (%s) : indexé deux fois ; retirer l'une des copies", o.Source, o.ID)})
			continue
		}
		first[k] = d
	}
	return out
}

// dedupeIDs makes document ids unique, groups being reports in priority
// order, and returns a warning per document renamed because another file
// holds its id. A renamed id never depends on the other files:
//   - documents of one file sharing an id (a decision list holding a
//     decision twice) take -2, -3… in the file's order;
//   - across files, an id set by metadata (sidecar, overlay) wins over one
//     derived from a path, an earlier report over a later one, then the
//     path written as an id ("textes/note-a.txt"), then the smaller source
//     path; the others take a suffix hashed from their own
//     source path ("foo-3f9a1c").
//
// A renamed document whose work_id was its old id takes its new id as
// work_id: it is not another text's version.
func dedupeIDs(groups [][]*Document) []Skipped {
	type entry struct {
		d       *Document
		rank    int
		renamed bool
	}
	var all []*entry
	for g, docs := range groups {
		for _, d := range docs {
			all = append(all, &entry{d: d, rank: g})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].rank != all[j].rank {
			return all[i].rank < all[j].rank
		}
		return all[i].d.Source < all[j].d.Source
	})
	rename := func(e *entry, id string) {
		old := e.d.ID
		e.d.ID = id
		if e.d.WorkID == old {
			e.d.WorkID = id
		}
		for i := range e.d.Provisions {
			e.d.Provisions[i].ID = id + "/" + e.d.Provisions[i].Anchor
		}
		e.renamed = true
	}
	// Within one file: -2, -3… in the file's order.
	type key struct {
		rank    int
		src, id string
	}
	count := map[key]int{}
	for _, e := range all {
		k := key{e.rank, e.d.Source, e.d.ID}
		count[k]++
		if n := count[k]; n > 1 {
			rename(e, fmt.Sprintf("%s-%d", e.d.ID, n))
		}
	}
	// Across files.
	byID := map[string][]*entry{}
	var order []string
	for _, e := range all {
		if len(byID[e.d.ID]) == 0 {
			order = append(order, e.d.ID)
		}
		byID[e.d.ID] = append(byID[e.d.ID], e)
	}
	taken := make(map[string]bool, len(all))
	for _, e := range all {
		taken[e.d.ID] = true
	}
	var warns []Skipped
	for _, id := range order {
		es := byID[id]
		if len(es) < 2 {
			continue
		}
		sort.SliceStable(es, func(i, j int) bool {
			a, b := es[i], es[j]
			if a.d.ExplicitID != b.d.ExplicitID {
				return a.d.ExplicitID
			}
			if a.renamed != b.renamed {
				return !a.renamed
			}
			if a.rank != b.rank {
				return a.rank < b.rank
			}
			if ca, cb := canonicalSource(a.d.Source), canonicalSource(b.d.Source); ca != cb {
				return ca
			}
			return a.d.Source < b.d.Source
		})
		keeper := es[0].d
		for _, e := range es[1:] {
			newID := ""
			for n := 0; newID == "" || taken[newID]; n++ {
				h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%d", e.d.Source, id, n)))
				if n == 0 {
					h = sha256.Sum256([]byte(e.d.Source))
				}
				newID = id + "-" + hex.EncodeToString(h[:3])
			}
			how := "déduit du chemin du fichier"
			if e.d.ExplicitID {
				how = "donné par ses métadonnées"
			}
			warns = append(warns, Skipped{Path: e.d.Source, Code: warnDuplicateID,
				Reason: fmt.Sprintf("identifiant « %s » (%s) déjà pris par %s : ce document reçoit l'identifiant « %s »", id, how, keeper.Source, newID)})
			rename(e, newID)
			taken[newID] = true
		}
	}
	return warns
}

// errJSONShape: a JSON file lextraite does not know.
var errJSONShape = errors.New("JSON d'une forme inconnue (attendu : décision Judilibre ou liste de résultats Judilibre)")

// loadJSON reads Judilibre decision JSON: a full decision, or a search
// result list (one summary document per decision).
func loadJSON(u unit, data []byte) ([]*Document, error) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, fmt.Errorf("%w : JSON invalide : %s", ErrCorrupt, jsonProblem(data, err))
	}
	if _, ok := probe["resolved"]; ok {
		return loadJudilibreList(u, data)
	}
	if _, ok := probe["results"]; ok {
		return loadJudilibreList(u, data)
	}
	if _, ok := probe["text"]; ok {
		return loadJudilibreDecision(u, data)
	}
	return nil, fmt.Errorf("%w : %v", ErrUnsupported, errJSONShape)
}
