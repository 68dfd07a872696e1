package corpus

// PDF text extraction.
//
// The file is opened with github.com/ledongthuc/pdf, which parses the object
// graph, decrypts files protected by the Standard security handler (RC4,
// AES-128) when no user password is needed, and decodes font encodings and
// ToUnicode CMaps. Its own text positioning is not used: it advances glyphs by
// one byte per character and ignores the widths of composite (Type0) fonts,
// so word spaces lost in line ends and kerning cannot be recovered from it.
// This file runs its own interpreter of the text operators instead
// (PDF 32000-1:2008 §9.4 text objects, §9.3 text state, §9.2.4 glyph
// positioning): every glyph gets its origin, advance width and size in user
// space, and a small layout pass rebuilds lines, words and paragraphs from
// the geometry (see pdfLayoutPage).

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
	pdfcpufont "github.com/pdfcpu/pdfcpu/pkg/font"
)

// Layout thresholds, as fractions of the font size unless said otherwise.
const (
	// pdfWordGap is the horizontal gap between two glyphs, with no space
	// glyph between them, from which they belong to two words. Inter-letter
	// kerning stays well below it; a TJ word adjustment (typically -250
	// thousandths of an em) or a Td move to the next word exceeds it.
	pdfWordGap = 0.15
	// pdfLineTolerance is the largest baseline difference of two glyphs on
	// one line (superscripts and subscripts stay on their line).
	pdfLineTolerance = 0.5
	// pdfParagraphGap is the baseline distance, in font sizes, from which a
	// blank line separates two lines when the page gives no better measure.
	pdfParagraphGap = 1.6
	// pdfParagraphPitch is the same threshold relative to the page's usual
	// line pitch.
	pdfParagraphPitch = 1.3
	// pdfMinLetterSpaced is how many single letters in a row make a
	// letter-spaced heading ("R É P U B L I Q U E").
	pdfMinLetterSpaced = 4
	// pdfMaxFormDepth bounds nested form XObjects (a form may name itself).
	pdfMaxFormDepth = 8
	// pdfMaxForms bounds the form XObjects drawn on one page (a form may
	// draw another many times).
	pdfMaxForms = 1 << 12
	// pdfMaxTreeNodes bounds the walk of the page tree (Kids may loop).
	pdfMaxTreeNodes = 1 << 16
)

// ExtractPDF reads the text layer of the PDF at path and returns it in
// reading order (pdf_layout.go): columns one after the other, lines top to
// bottom and glyphs left to right in a column, lines separated by "\n",
// paragraphs by a blank line ("\n\n"); running headers, footers and page
// numbers are left out, a paragraph that goes on over a column or page break
// is kept whole and words hyphenated at a line end are rejoined.
//
// Text objects are interpreted as PDF 32000-1:2008 §9.4 describes them, and
// the text is rebuilt from glyph positions rather than from the order of the
// show-text strings, so that word spaces which the file only expresses as
// geometry come back: a TJ kerning adjustment or a Td/Tm move wider than a
// fraction of the font size, or a line drawn as its own text object with no
// trailing space. Letter-spaced headings ("R É P U B L I Q U E   F R A N Ç A I S E")
// are rejoined into words ("RÉPUBLIQUE FRANÇAISE"; when the gaps between the
// words are no wider than those between the letters the words cannot be told
// apart and the letters are joined into one), rules drawn with underscores
// are dropped and the ligatures ﬁ, ﬂ… are spelled out.
//
// Errors wrap, with the path: ErrEmpty for a zero-byte file or a PDF
// without pages; ErrEncrypted for a PDF that needs a user password to open
// (one protected by an owner password only is read, whatever its
// algorithm: RC4, AES-128, AES-256; see pdfDecrypt); ErrNoText when the
// pages carry no text (a scanned, image-only PDF: see OCRPDF); ErrCorrupt
// for a truncated or invalid file, including any panic of the PDF library,
// which is recovered; ErrUnsupported for a PDF 2.0 header, which the
// library refuses, or a stream filter it lacks (LZWDecode). Other errors
// are those of opening the file.
func ExtractPDF(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("PDF %s : %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("PDF %s : %w", path, err)
	}
	if fi.Size() == 0 {
		return "", fmt.Errorf("PDF %s : %w", path, ErrEmpty)
	}
	text, err := pdfExtract(f, fi.Size())
	if err != nil {
		return "", fmt.Errorf("PDF %s : %w", path, err)
	}
	return text, nil
}

// pdfExtract extracts the text of the PDF held in r, size bytes long.
func pdfExtract(r io.ReaderAt, size int64) (string, error) {
	layer, err := pdfReadLayer(r, size)
	if err != nil {
		return "", err
	}
	text := layer.text()
	if text == "" {
		return "", fmt.Errorf("%w : %s sans texte", ErrNoText, frPages(len(layer.pages)))
	}
	return text, nil
}

// pdfTextLayer is the text layer of a PDF, page by page.
type pdfTextLayer struct {
	// pages holds the text of each page, lines separated by "\n" and
	// paragraphs by "\n\n"; "" for a page without text.
	pages []string
	// dropped holds, per page, the running headers, footers and page
	// numbers left out of pages.
	dropped [][]string
	// decrypted is set when the file was decrypted with pdfcpu first.
	decrypted bool
}

// text joins the pages and rejoins the words hyphenated at line ends.
func (t pdfTextLayer) text() string {
	return pdfDehyphenate(pdfJoinPages(t.pages))
}

// pdfReadLayer reads the text layer of the PDF held in r, size bytes long.
// A PDF encrypted in a way ledongthuc/pdf cannot read (AES-256, pdfcpu's
// crypt filters) is decrypted with pdfcpu first when it opens without a
// password (pdfDecrypt).
func pdfReadLayer(r io.ReaderAt, size int64) (layer pdfTextLayer, err error) {
	defer func() {
		if x := recover(); x != nil {
			if x == errPDFTooLarge {
				layer, err = pdfTextLayer{}, errPDFTooLarge
				return
			}
			layer, err = pdfTextLayer{}, fmt.Errorf("%w : PDF mal formé (erreur de lecture : %s)", ErrCorrupt, oneLine(fmt.Sprint(x)))
			if msg := fmt.Sprint(x); strings.Contains(msg, "unknown filter") {
				// A stream filter ledongthuc/pdf lacks (LZWDecode, JBIG2…):
				// a valid file this reader cannot read.
				layer, err = pdfTextLayer{}, fmt.Errorf("%w : filtre de flux PDF non pris en charge (%s)", ErrUnsupported, oneLine(msg))
			}
		}
	}()
	rd, err := pdf.NewReader(r, size)
	// Any encrypted file is decrypted by pdfcpu first: ledongthuc/pdf
	// refuses some encryptions (AES-256) and misreads others (40-bit RC4)
	// without noticing. It is used alone only when pdfcpu fails on a file
	// it opened itself.
	if (err != nil && pdfEncryptionError(err)) || (err == nil && rd.Trailer().Key("Encrypt").Kind() != pdf.Null) {
		data, derr := pdfDecrypt(r, size)
		switch {
		case derr == nil:
			rd, err = pdf.NewReader(bytes.NewReader(data), int64(len(data)))
			layer.decrypted = true
		case errors.Is(derr, errPDFUserPassword) || err != nil:
			return pdfTextLayer{}, derr
		}
	}
	if err != nil {
		return pdfTextLayer{}, pdfOpenError(r, err)
	}
	root := rd.Trailer().Key("Root")
	pages := pdfPages(root.Key("Pages"))
	if len(pages) == 0 {
		if root.Key("Pages").IsNull() {
			return pdfTextLayer{}, fmt.Errorf("%w : PDF sans arbre des pages", ErrCorrupt)
		}
		return pdfTextLayer{}, fmt.Errorf("%w : le PDF n'a aucune page", ErrEmpty)
	}
	decoded := int64(0)
	for _, p := range pages {
		decoded += pdfStreamSize(p.contents, pdfMaxDecoded-decoded+1)
		if decoded > pdfMaxDecoded {
			return pdfTextLayer{}, errPDFTooLarge
		}
	}
	bands := make([][]pdfLine, len(pages))
	for i, p := range pages {
		in := pdfInterp{decoded: decoded}
		in.run(p.contents, p.resources, pdfIdentity, 0)
		bands[i] = pdfBands(in.glyphs)
	}
	drop := pdfRunningLines(bands)
	layer.pages = make([]string, len(pages))
	layer.dropped = make([][]string, len(pages))
	for i, bs := range bands {
		kept := bs[:0:0]
		for j, l := range bs {
			if drop[i][j] {
				layer.dropped[i] = append(layer.dropped[i], l.text())
				continue
			}
			kept = append(kept, l)
		}
		layer.pages[i] = pdfParagraphs(pdfPageLines(kept))
	}
	return layer, nil
}

// pdfEncryptionError reports whether an error of pdf.NewReader comes from
// the file's encryption, which pdfcpu may be able to undo.
func pdfEncryptionError(err error) bool {
	return errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(err.Error(), "encrypt")
}

// pdfOpenError classifies an error of pdf.NewReader.
func pdfOpenError(r io.ReaderAt, err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, pdf.ErrInvalidPassword):
		return fmt.Errorf("%w", ErrEncrypted)
	case strings.Contains(msg, "encrypt"):
		return fmt.Errorf("%w (%s)", ErrEncrypted, pdfLibraryMessage(err.Error()))
	case strings.Contains(msg, "invalid header"):
		head := make([]byte, 8)
		n, _ := r.ReadAt(head, 0)
		if strings.HasPrefix(string(head[:n]), "%PDF-2") {
			return fmt.Errorf("%w : PDF 2.0, que le lecteur ne sait pas encore lire", ErrUnsupported)
		}
	}
	return fmt.Errorf("%w : %s", ErrCorrupt, pdfLibraryMessage(msg))
}

// pdfMaxDecoded bounds the decompressed size of the content streams of a
// PDF (pages and forms): a text PDF of thousands of pages stays far below;
// beyond it the file is a decompression bomb or badly broken.
// A variable so that tests can lower it.
var pdfMaxDecoded int64 = 256 << 20

// errPDFTooLarge: the content streams decompress to more than pdfMaxDecoded.
var errPDFTooLarge = fmt.Errorf("%w : PDF anormal : flux décompressé trop grand (bombe de décompression ou fichier cassé)", ErrCorrupt)

// pdfStreamSize is the decompressed size of a content stream, or of an
// array of them, read up to limit bytes.
func pdfStreamSize(v pdf.Value, limit int64) int64 {
	switch v.Kind() {
	case pdf.Stream:
		n, _ := io.Copy(io.Discard, io.LimitReader(v.Reader(), limit))
		return n
	case pdf.Array:
		var n int64
		for i := 0; i < v.Len() && n < limit; i++ {
			n += pdfStreamSize(v.Index(i), limit-n)
		}
		return n
	}
	return 0
}

// pdfLibraryMessages translate the PDF reader's messages (ledongthuc/pdf),
// most specific first.
var pdfLibraryMessages = []struct {
	re *regexp.Regexp
	fr string
}{
	{regexp.MustCompile(`^not a PDF file: missing %%?EOF`), "pas un fichier PDF complet : marque de fin %%EOF absente (fichier tronqué ?)"},
	{regexp.MustCompile(`^not a PDF file: invalid header`), "pas un fichier PDF : en-tête %PDF- absent"},
	{regexp.MustCompile(`^not a PDF file`), "pas un fichier PDF"},
	{regexp.MustCompile(`^malformed PDF(?: file)?: reading at offset (\d+): (?:unexpected )?EOF`), "PDF mal formé : fin de fichier inattendue (lecture à l'octet $1), fichier tronqué ?"},
	{regexp.MustCompile(`^malformed PDF(?: file)?: reading at offset (\d+)`), "PDF mal formé : lecture impossible à l'octet $1"},
	{regexp.MustCompile(`^malformed PDF(?: file)?: missing (?:final )?startxref`), "PDF mal formé : table des objets (startxref) absente"},
	{regexp.MustCompile(`^malformed PDF(?: file)?: .*cross-reference`), "PDF mal formé : table de références croisées illisible"},
	{regexp.MustCompile(`^malformed PDF`), "PDF mal formé"},
}

// pdfLibraryMessage is the French reason for a message of the PDF reader;
// an unknown message is kept, on one line, after a French label.
func pdfLibraryMessage(msg string) string {
	msg = oneLine(msg)
	for _, t := range pdfLibraryMessages {
		if loc := t.re.FindStringSubmatchIndex(msg); loc != nil {
			return string(t.re.ExpandString(nil, t.fr, msg, loc))
		}
	}
	return "PDF illisible (" + msg + ")"
}

// frPages is "1 page", "3 pages".
func frPages(n int) string {
	if n <= 1 {
		return fmt.Sprintf("%d page", n)
	}
	return fmt.Sprintf("%d pages", n)
}

// pdfPage is a leaf of the page tree with its inherited resources.
type pdfPage struct {
	contents  pdf.Value
	resources pdf.Value
}

// pdfPages walks the page tree (PDF 32000-1 §7.7.3) in document order.
// Resources are inherited along the walk, not through /Parent, so a loop of
// Parent links cannot hang it; the number of nodes visited is bounded in
// case Kids loop.
func pdfPages(tree pdf.Value) []pdfPage {
	var out []pdfPage
	visited := 0
	var walk func(node, res pdf.Value, depth int)
	walk = func(node, res pdf.Value, depth int) {
		visited++
		if visited > pdfMaxTreeNodes || depth > 64 || node.Kind() != pdf.Dict {
			return
		}
		if r := node.Key("Resources"); r.Kind() == pdf.Dict {
			res = r
		}
		kids := node.Key("Kids")
		if node.Key("Type").Name() == "Pages" || (kids.Kind() == pdf.Array && node.Key("Type").Name() != "Page") {
			for i := 0; i < kids.Len(); i++ {
				walk(kids.Index(i), res, depth+1)
			}
			return
		}
		out = append(out, pdfPage{contents: node.Key("Contents"), resources: res})
	}
	walk(tree, pdf.Value{}, 0)
	return out
}

// pdfMatrix is an affine transformation [a b c d e f] (PDF 32000-1 §8.3.4):
// x' = a·x + c·y + e, y' = b·x + d·y + f.
type pdfMatrix [6]float64

var pdfIdentity = pdfMatrix{1, 0, 0, 1, 0, 0}

// mul returns m × n: m applied first, then n.
func (m pdfMatrix) mul(n pdfMatrix) pdfMatrix {
	return pdfMatrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m pdfMatrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

func pdfTranslate(tx, ty float64) pdfMatrix { return pdfMatrix{1, 0, 0, 1, tx, ty} }

// pdfGlyph is one shown glyph in user space.
type pdfGlyph struct {
	x, y  float64 // origin (left end of the baseline)
	w     float64 // advance width
	size  float64 // font size
	text  string  // Unicode text; "" when the font does not map it
	space bool    // a space (or other blank) glyph
}

// pdfState is the graphics state the text operators use (§8.4, §9.3).
type pdfState struct {
	ctm   pdfMatrix
	font  *pdfFont
	size  float64 // Tfs
	tc    float64 // character spacing
	tw    float64 // word spacing
	th    float64 // horizontal scaling, 1 = 100%
	tl    float64 // leading
	trise float64
}

// pdfInterp interprets content streams and collects glyphs.
type pdfInterp struct {
	glyphs  []pdfGlyph
	forms   int   // form XObjects drawn
	decoded int64 // bytes decompressed from content streams (pdfMaxDecoded)
}

// run interprets a content stream (a stream or an array of streams) with
// the given resources and initial transformation.
func (in *pdfInterp) run(contents, res pdf.Value, ctm pdfMatrix, depth int) {
	if contents.Kind() != pdf.Stream && contents.Kind() != pdf.Array {
		return
	}
	fonts := map[string]*pdfFont{}
	g := pdfState{ctm: ctm, th: 1}
	var stack []pdfState
	var tm, tlm pdfMatrix = pdfIdentity, pdfIdentity

	font := func(name string) *pdfFont {
		if f, ok := fonts[name]; ok {
			return f
		}
		f := pdfNewFont(res.Key("Font").Key(name))
		fonts[name] = f
		return f
	}
	show := func(s string) {
		f := g.font
		if f == nil {
			return
		}
		for i := 0; i < len(s); {
			n := 1
			if f.twoByte && i+1 < len(s) {
				n = 2
			}
			code := s[i : i+n]
			i += n
			w0 := f.width(code) // text space units per unit of font size
			trm := tm.mul(g.ctm)
			x0, y0 := trm.apply(0, g.trise)
			x1, _ := trm.apply(w0*g.size*g.th, g.trise)
			size := g.size * math.Hypot(trm[2], trm[3])
			text := f.decode(code)
			gl := pdfGlyph{x: x0, y: y0, w: x1 - x0, size: size, text: text}
			if gl.w < 0 {
				gl.x, gl.w = x1, -gl.w
			}
			if strings.TrimSpace(text) == "" && text != "" {
				gl.space = true
			}
			in.glyphs = append(in.glyphs, gl)
			tx := w0*g.size + g.tc
			if n == 1 && code == " " {
				tx += g.tw
			}
			tm = pdfTranslate(tx*g.th, 0).mul(tm)
		}
	}
	nextLine := func(tx, ty float64) {
		tlm = pdfTranslate(tx, ty).mul(tlm)
		tm = tlm
	}

	pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
		args := pdfPopArgs(stk)
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		matrix := func() (pdfMatrix, bool) {
			if len(args) != 6 {
				return pdfMatrix{}, false
			}
			var m pdfMatrix
			for i := range m {
				m[i] = args[i].Float64()
			}
			return m, true
		}
		switch op {
		case "q":
			stack = append(stack, g)
		case "Q":
			if n := len(stack); n > 0 {
				g = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			if m, ok := matrix(); ok {
				g.ctm = m.mul(g.ctm)
			}
		case "BT":
			tm, tlm = pdfIdentity, pdfIdentity
		case "Tm":
			if m, ok := matrix(); ok {
				tm, tlm = m, m
			}
		case "Td":
			nextLine(num(0), num(1))
		case "TD":
			g.tl = -num(1)
			nextLine(num(0), num(1))
		case "T*":
			nextLine(0, -g.tl)
		case "Tc":
			g.tc = num(0)
		case "Tw":
			g.tw = num(0)
		case "Tz":
			g.th = num(0) / 100
		case "TL":
			g.tl = num(0)
		case "Ts":
			g.trise = num(0)
		case "Tf":
			if len(args) == 2 {
				g.font = font(args[0].Name())
				g.size = args[1].Float64()
			}
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "'":
			nextLine(0, -g.tl)
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "\"":
			if len(args) == 3 {
				g.tw, g.tc = num(0), num(1)
				nextLine(0, -g.tl)
				show(args[2].RawString())
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			a := args[0]
			for i := 0; i < a.Len(); i++ {
				switch x := a.Index(i); x.Kind() {
				case pdf.String:
					show(x.RawString())
				case pdf.Integer, pdf.Real:
					tx := -x.Float64() / 1000 * g.size * g.th
					tm = pdfTranslate(tx, 0).mul(tm)
				}
			}
		case "Do":
			if len(args) != 1 || depth >= pdfMaxFormDepth || in.forms >= pdfMaxForms {
				return
			}
			xo := res.Key("XObject").Key(args[0].Name())
			if xo.Kind() != pdf.Stream || xo.Key("Subtype").Name() != "Form" {
				return
			}
			in.decoded += pdfStreamSize(xo, pdfMaxDecoded-in.decoded+1)
			if in.decoded > pdfMaxDecoded {
				panic(errPDFTooLarge)
			}
			m := pdfIdentity
			if fm := xo.Key("Matrix"); fm.Kind() == pdf.Array && fm.Len() == 6 {
				for i := range m {
					m[i] = fm.Index(i).Float64()
				}
			}
			formRes := xo.Key("Resources")
			if formRes.Kind() != pdf.Dict {
				formRes = res
			}
			in.forms++
			in.run(xo, formRes, m.mul(g.ctm), depth+1)
		}
	})
}

// pdfPopArgs pops the operands of an operator, first operand first.
func pdfPopArgs(stk *pdf.Stack) []pdf.Value {
	args := make([]pdf.Value, stk.Len())
	for i := len(args) - 1; i >= 0; i-- {
		args[i] = stk.Pop()
	}
	return args
}

// pdfFont holds what the interpreter needs of a font dictionary (§9.6, §9.7):
// how to split a string into character codes, the advance width of a code
// and its Unicode text.
type pdfFont struct {
	enc     pdf.TextEncoding
	twoByte bool    // Type0 font: 2-byte codes (Identity-H and the like)
	scale   float64 // glyph space to text space (1/1000, or Type3 FontMatrix)
	// Simple fonts: Widths from FirstChar, else MissingWidth, else the
	// standard 14 fonts' metrics.
	first   int
	widths  []float64
	missing float64
	base14  string
	// Type0 fonts: W and DW of the descendant CIDFont.
	cidW  map[int]float64
	cidDW float64
	// toUnicode, when the font has one, takes precedence over enc (§9.10.2).
	toUnicode *pdfCMap
	text      map[string]string // decoded codes
}

func pdfNewFont(v pdf.Value) *pdfFont {
	f := &pdfFont{scale: 0.001, text: map[string]string{}}
	if v.Kind() != pdf.Dict {
		f.enc = pdfRawEncoding{}
		return f
	}
	font := pdf.Font{V: v}
	f.enc = font.Encoder()
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		f.toUnicode = pdfReadCMap(tu)
	}
	switch v.Key("Subtype").Name() {
	case "Type0":
		f.twoByte = true
		f.cidDW = 1000
		d := v.Key("DescendantFonts").Index(0)
		if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.cidDW = dw.Float64()
		}
		f.cidW = pdfCIDWidths(d.Key("W"))
		return f
	case "Type3":
		if m := v.Key("FontMatrix"); m.Len() == 6 && m.Index(0).Float64() != 0 {
			f.scale = math.Abs(m.Index(0).Float64())
		}
	}
	f.first = int(v.Key("FirstChar").Int64())
	ws := v.Key("Widths")
	for i := 0; i < ws.Len() && i < 1<<16; i++ {
		f.widths = append(f.widths, ws.Index(i).Float64())
	}
	f.missing = v.Key("FontDescriptor").Key("MissingWidth").Float64()
	if len(f.widths) == 0 {
		name := v.Key("BaseFont").Name()
		if i := strings.IndexByte(name, '+'); i >= 0 {
			name = name[i+1:]
		}
		if pdfcpufont.IsCoreFont(name) {
			f.base14 = name
		}
	}
	return f
}

// pdfCIDWidths reads a CIDFont W array: "c [w1 w2 …]" and "cfirst clast w"
// entries (§9.7.4.3).
func pdfCIDWidths(w pdf.Value) map[int]float64 {
	out := map[int]float64{}
	n := w.Len()
	for i := 0; i < n; {
		first := int(w.Index(i).Int64())
		if i+1 >= n {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && j < 1<<16; j++ {
				out[first+j] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		last := int(next.Int64())
		wd := w.Index(i + 2).Float64()
		for c := first; c <= last && c-first < 1<<16; c++ {
			out[c] = wd
		}
		i += 3
	}
	return out
}

// width returns the advance of code in text space units per unit of font
// size.
func (f *pdfFont) width(code string) float64 {
	c := int(code[0])
	if len(code) == 2 {
		c = c<<8 | int(code[1])
	}
	if f.twoByte {
		if w, ok := f.cidW[c]; ok {
			return w * f.scale
		}
		return f.cidDW * f.scale
	}
	if i := c - f.first; i >= 0 && i < len(f.widths) {
		return f.widths[i] * f.scale
	}
	if f.missing > 0 {
		return f.missing * f.scale
	}
	if f.base14 != "" {
		if w, err := pdfcpufont.CharWidth(f.base14, rune(c)); err == nil {
			return float64(w) * f.scale
		}
	}
	return 0.5 // unknown metrics: an average glyph
}

// decode returns the Unicode text of one character code, with ligatures
// spelled out, blanks as " " and control characters dropped.
func (f *pdfFont) decode(code string) string {
	if t, ok := f.text[code]; ok {
		return t
	}
	raw, ok := f.toUnicode.lookup(code)
	if !ok {
		raw = f.enc.Decode(code)
	}
	var b strings.Builder
	for _, r := range raw {
		switch {
		case r == utf8.RuneError:
		case r >= 0xFB00 && r <= 0xFB06:
			b.WriteString([]string{"ff", "fi", "fl", "ffi", "ffl", "st", "st"}[r-0xFB00])
		case unicode.IsSpace(r) || r == '\u00a0':
			b.WriteByte(' ')
		case unicode.IsControl(r):
		default: // a soft hyphen stays, for pdfDehyphenate
			b.WriteRune(r)
		}
	}
	t := b.String()
	f.text[code] = t
	return t
}

// pdfRawEncoding stands for a missing font: codes are taken as Latin-1.
type pdfRawEncoding struct{}

func (pdfRawEncoding) Decode(raw string) string {
	r := make([]rune, len(raw))
	for i := 0; i < len(raw); i++ {
		r[i] = rune(raw[i])
	}
	return string(r)
}

// pdfCMap is a ToUnicode CMap (PDF 32000-1 §9.10.3): bfchar and bfrange
// mappings from character codes to UTF-16BE text. It is read here rather
// than by ledongthuc/pdf, whose bfrange only increments the last byte of the
// destination, so that the range <0000> <FFFF> <0000> dompdf writes maps
// U+2013 to U+0013.
type pdfCMap struct {
	chars  map[string]string // code bytes → UTF-8 text
	ranges []pdfCMapRange
}

type pdfCMapRange struct {
	lo, hi uint32
	n      int      // code length in bytes
	dst    []byte   // UTF-16BE of the first code's text, incremented along the range
	dsts   []string // or one text per code
}

// lookup returns the text of code; ok is false when the CMap does not map it.
func (m *pdfCMap) lookup(code string) (text string, ok bool) {
	if m == nil {
		return "", false
	}
	if t, ok := m.chars[code]; ok {
		return t, true
	}
	c := pdfCodeValue(code)
	for _, r := range m.ranges {
		if r.n != len(code) || c < r.lo || c > r.hi {
			continue
		}
		off := c - r.lo
		if r.dsts != nil {
			if int(off) < len(r.dsts) {
				return r.dsts[off], true
			}
			return "", false
		}
		b := slices.Clone(r.dst)
		for i := len(b) - 1; i >= 0 && off > 0; i-- { // big-endian addition
			sum := uint32(b[i]) + off&0xFF
			b[i] = byte(sum)
			off = off>>8 + sum>>8
		}
		return pdfUTF16(b), true
	}
	return "", false
}

func pdfCodeValue(code string) uint32 {
	var c uint32
	for i := 0; i < len(code) && i < 4; i++ {
		c = c<<8 | uint32(code[i])
	}
	return c
}

// pdfUTF16 decodes UTF-16BE text.
func pdfUTF16(b []byte) string {
	if len(b)%2 != 0 {
		return string(b)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// pdfReadCMap parses the bfchar and bfrange sections of a ToUnicode CMap
// stream; it returns nil when there is none.
func pdfReadCMap(v pdf.Value) *pdfCMap {
	data, err := io.ReadAll(io.LimitReader(v.Reader(), 16<<20))
	if err != nil && len(data) == 0 {
		return nil
	}
	m := &pdfCMap{chars: map[string]string{}}
	var args []pdfCMapToken
	for tok := range pdfCMapTokens(data) {
		if tok.kind != pdfTokOperator {
			args = append(args, tok)
			continue
		}
		switch tok.text {
		case "endbfchar":
			for i := 0; i+1 < len(args); i += 2 {
				if args[i].kind == pdfTokString && args[i+1].kind == pdfTokString {
					m.chars[args[i].text] = pdfUTF16([]byte(args[i+1].text))
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(args); {
				lo, hi, dst := args[i], args[i+1], args[i+2]
				if lo.kind != pdfTokString || hi.kind != pdfTokString || len(lo.text) != len(hi.text) || len(lo.text) == 0 {
					i++
					continue
				}
				r := pdfCMapRange{lo: pdfCodeValue(lo.text), hi: pdfCodeValue(hi.text), n: len(lo.text)}
				switch dst.kind {
				case pdfTokString:
					r.dst = []byte(dst.text)
					i += 3
				case pdfTokArrayStart:
					r.dsts = []string{}
					j := i + 3
					for ; j < len(args) && args[j].kind == pdfTokString; j++ {
						r.dsts = append(r.dsts, pdfUTF16([]byte(args[j].text)))
					}
					i = j + 1 // past "]"
				default:
					i += 3
					continue
				}
				if r.lo <= r.hi {
					m.ranges = append(m.ranges, r)
				}
			}
		}
		args = args[:0]
	}
	if len(m.chars) == 0 && len(m.ranges) == 0 {
		return nil
	}
	return m
}

// Token kinds of a CMap.
const (
	pdfTokOperator = iota
	pdfTokString   // hex or literal string, decoded
	pdfTokArrayStart
	pdfTokArrayEnd
	pdfTokOther // numbers, names, dictionaries' brackets
)

type pdfCMapToken struct {
	kind int
	text string
}

// pdfCMapTokens splits CMap PostScript into tokens.
func pdfCMapTokens(data []byte) func(yield func(pdfCMapToken) bool) {
	return func(yield func(pdfCMapToken) bool) {
		isDelim := func(c byte) bool { return strings.IndexByte("()<>[]{}/%", c) >= 0 }
		isSpace := func(c byte) bool { return strings.IndexByte(" \t\r\n\f\x00", c) >= 0 }
		for i := 0; i < len(data); {
			c := data[i]
			var tok pdfCMapToken
			switch {
			case isSpace(c):
				i++
				continue
			case c == '%':
				for i < len(data) && data[i] != '\n' && data[i] != '\r' {
					i++
				}
				continue
			case c == '<' && i+1 < len(data) && data[i+1] == '<', c == '>' && i+1 < len(data) && data[i+1] == '>':
				tok, i = pdfCMapToken{kind: pdfTokOther}, i+2
			case c == '<':
				j := i + 1
				var hex []byte
				for j < len(data) && data[j] != '>' {
					if h := pdfHexVal(data[j]); h >= 0 {
						hex = append(hex, byte(h))
					}
					j++
				}
				if len(hex)%2 == 1 {
					hex = append(hex, 0)
				}
				b := make([]byte, len(hex)/2)
				for k := range b {
					b[k] = hex[2*k]<<4 | hex[2*k+1]
				}
				tok, i = pdfCMapToken{kind: pdfTokString, text: string(b)}, j+1
			case c == '(':
				var b []byte
				depth := 1
				j := i + 1
				for ; j < len(data) && depth > 0; j++ {
					switch ch := data[j]; ch {
					case '\\':
						if j+1 < len(data) {
							j++
							b = append(b, data[j])
						}
					case '(':
						depth++
						b = append(b, ch)
					case ')':
						if depth--; depth > 0 {
							b = append(b, ch)
						}
					default:
						b = append(b, ch)
					}
				}
				tok, i = pdfCMapToken{kind: pdfTokString, text: string(b)}, j
			case c == '[':
				tok, i = pdfCMapToken{kind: pdfTokArrayStart}, i+1
			case c == ']':
				tok, i = pdfCMapToken{kind: pdfTokArrayEnd}, i+1
			case isDelim(c) && c != '/':
				tok, i = pdfCMapToken{kind: pdfTokOther}, i+1
			default:
				j := i + 1
				for j < len(data) && !isSpace(data[j]) && !isDelim(data[j]) {
					j++
				}
				word := string(data[i:j])
				kind := pdfTokOperator
				if c == '/' || c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9') {
					kind = pdfTokOther
				}
				tok, i = pdfCMapToken{kind: kind, text: word}, j
			}
			if !yield(tok) {
				return
			}
		}
	}
}

func pdfHexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
