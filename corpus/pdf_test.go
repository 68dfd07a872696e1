package corpus

import (
	"bytes"
	"crypto/md5"
	"crypto/rc4"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// The PDFs of these tests are SYNTHETIC: written by pdfTestBuild below, with
// made-up French sentences that say so ("synthétique"). No legal text.

// pdfTestRealDir holds the real Cour de cassation PDFs of the shared corpus.
const pdfTestRealDir = "../../shared/corpus/decisions/fr/cour-de-cassation-pdf"

// pdfTestLatin1 encodes s for a WinAnsi (here: Latin-1 subset) PDF string
// literal, escaping what must be.
func pdfTestLatin1(s string) string {
	var b strings.Builder
	b.WriteByte('(')
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x80:
			b.WriteRune(r)
		case r <= 0xFF:
			fmt.Fprintf(&b, "\\%03o", r)
		default:
			panic("pdfTestLatin1: not Latin-1: " + string(r))
		}
	}
	b.WriteByte(')')
	return b.String()
}

// pdfTestHex encodes s as a 2-byte (Identity-H, code = Unicode) hex string.
func pdfTestHex(s string) string {
	var b strings.Builder
	b.WriteByte('<')
	for _, r := range s {
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteByte('>')
	return b.String()
}

// pdfTestBuild writes a minimal valid PDF 1.4 with one page per content
// stream. Resources: /F1 Helvetica (standard 14, WinAnsiEncoding, no
// Widths), /F2 a Type0 Identity-H font whose codes are Unicode code points
// with a ToUnicode CMap (as dompdf writes them), /Im1 a 1×1 gray image.
func pdfTestBuild(pages ...string) []byte { return pdfTestBuildRC4("", pages...) }

// pdfTestID is the first file identifier of the synthetic PDFs.
const pdfTestID = "synthetic"

// pdfTestBuildRC4 is pdfTestBuild, encrypted with the Standard security
// handler, RC4 128 bits, revision 3 (PDF 32000-1 §7.6.3, algorithms 1, 2, 3
// and 5) when owner is not empty: no user password, owner password owner.
func pdfTestBuildRC4(owner string, pages ...string) []byte {
	var objs []string // objs[i] is object i+1
	var fileKey []byte
	encrypt := func(n int, s string) string {
		if fileKey == nil {
			return s
		}
		h := md5.Sum(append(slices.Clone(fileKey), byte(n), byte(n>>8), byte(n>>16), 0, 0))
		return pdfTestRC4(h[:], s)
	}
	// add appends an object built knowing its number.
	add := func(build func(n int) string) int {
		n := len(objs) + 1
		objs = append(objs, "")
		objs[n-1] = build(n)
		return n
	}
	lit := func(n int, s string) string { return fmt.Sprintf("<%x>", encrypt(n, s)) }
	stream := func(dict, data string) func(n int) string {
		return func(n int) string {
			data := encrypt(n, data)
			return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
		}
	}
	var encryptDict string
	if owner != "" {
		const p = -4
		o, key, u := pdfTestRC4Keys(owner, p)
		fileKey = key
		encryptDict = fmt.Sprintf(" /Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P %d /O <%x> /U <%x> >>", p, o, u)
	}
	catalog := add(func(int) string { return "" })
	tree := add(func(int) string { return "" })
	helv := add(func(int) string {
		return "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
	})
	cmap := add(stream("", strings.Join([]string{
		"/CIDInit /ProcSet findresource begin",
		"12 dict begin",
		"begincmap",
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
		"/CMapName /Synthetic-UCS def",
		"/CMapType 2 def",
		"1 begincodespacerange",
		"<0000> <FFFF>",
		"endcodespacerange",
		"1 beginbfrange",
		"<0000> <FFFF> <0000>",
		"endbfrange",
		"endcmap",
		"CMapName currentdict /CMap defineresource pop",
		"end",
		"end",
	}, "\n")))
	cid := add(func(n int) string {
		return "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SyntheticSans " +
			"/CIDSystemInfo << /Registry " + lit(n, "Adobe") + " /Ordering " + lit(n, "Identity") + " /Supplement 0 >> " +
			"/FontDescriptor << /Type /FontDescriptor /FontName /SyntheticSans /Flags 32 " +
			"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >> " +
			"/DW 550 /W [32 [260] 105 [250] 108 [250]] >>"
	})
	type0 := add(func(int) string {
		return fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /SyntheticSans "+
			"/Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", cid, cmap)
	})
	img := add(stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", "\x80"))
	res := fmt.Sprintf("<< /Font << /F1 %d 0 R /F2 %d 0 R >> /XObject << /Im1 %d 0 R >> >>", helv, type0, img)
	var kids []string
	for _, content := range pages {
		c := add(stream("", content))
		p := add(func(int) string {
			return fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R >>", tree, res, c)
		})
		kids = append(kids, fmt.Sprintf("%d 0 R", p))
	}
	objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", tree)
	objs[tree-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))

	return pdfAssemble(objs, catalog, fmt.Sprintf(" /ID [<%x> <%x>]%s", pdfTestID, pdfTestID, encryptDict))
}

// pdfAssemble writes a synthetic PDF 1.4 file from its objects (numbered
// from 1 in order): header, objects, cross-reference table and a trailer
// whose /Root is object root, with extra appended to the trailer dict.
func pdfAssemble(objs []string, root int, extra string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, root, extra, xref)
	return b.Bytes()
}

// pdfTestPad is the password padding of the Standard security handler.
const pdfTestPad = "\x28\xBF\x4E\x5E\x4E\x75\x8A\x41\x64\x00\x4E\x56\xFF\xFA\x01\x08" +
	"\x2E\x2E\x00\xB6\xD0\x68\x3E\x80\x2F\x0C\xA9\xFE\x64\x53\x69\x7A"

// pdfTestRC4 encrypts (or decrypts) s with key.
func pdfTestRC4(key []byte, s string) string {
	c, err := rc4.NewCipher(key)
	if err != nil {
		panic(err)
	}
	out := []byte(s)
	c.XORKeyStream(out, out)
	return string(out)
}

// pdfTestRC4Iterate applies the 20 RC4 passes of revision 3 (key XOR 0…19).
func pdfTestRC4Iterate(key []byte, s string) string {
	for i := range 20 {
		k := slices.Clone(key)
		for j := range k {
			k[j] ^= byte(i)
		}
		s = pdfTestRC4(k, s)
	}
	return s
}

// pdfTestRC4Keys computes the O and U entries and the file key for an
// empty user password (algorithms 3, 2 and 5, revision 3, 128 bits).
func pdfTestRC4Keys(owner string, p int32) (o, key, u []byte) {
	md5n := func(h [16]byte) [16]byte {
		for range 50 {
			h = md5.Sum(h[:])
		}
		return h
	}
	ownerKey := md5n(md5.Sum([]byte((owner + pdfTestPad)[:32])))
	o = []byte(pdfTestRC4Iterate(ownerKey[:], pdfTestPad)) // user password "": the bare padding
	seed := append([]byte(pdfTestPad), o...)
	seed = append(seed, byte(p), byte(p>>8), byte(p>>16), byte(p>>24))
	seed = append(seed, pdfTestID...)
	k := md5n(md5.Sum(seed))
	key = k[:]
	h := md5.Sum([]byte(pdfTestPad + pdfTestID))
	u = append([]byte(pdfTestRC4Iterate(key, string(h[:]))), make([]byte, 16)...)
	return o, key, u
}

// pdfTestText is the synthetic document: what it draws, and the text
// ExtractPDF must give back.
var (
	pdfTestPages = []string{
		// A letter-spaced heading: one space between letters, three between words.
		"BT /F1 12 Tf 72 760 Td " + pdfTestLatin1("S Y N T H È S E   T E S T") + " Tj ET\n" +
			// An underscore rule.
			"BT /F1 12 Tf 72 740 Td (________________) Tj ET\n" +
			// Word spaces only as TJ kerning; a small adjustment inside a word.
			"BT /F1 12 Tf 72 710 Td [(Texte)-250(synth)15" + pdfTestLatin1("étique") + "-280(de)-250(test)] TJ ET\n" +
			// Word spaces only as Td moves.
			"BT /F1 12 Tf 72 696 Td (ligne) Tj 40 0 Td (suivante) Tj ET\n" +
			// Each line its own text object, no trailing space.
			"BT /F1 12 Tf 72 682 Td (sans espace en fin de) Tj ET\n" +
			"BT /F1 12 Tf 72 668 Td (ligne) Tj ET\n" +
			// A new paragraph; a word space as a Tm move.
			"BT /F1 12 Tf 72 630 Td (Nouveau paragraphe " + pdfTestLatin1("synthétique")[1:] + " Tj ET\n" +
			"BT /F1 12 Tf 1 0 0 1 72 616 Tm (mot) Tj 1 0 0 1 100 616 Tm (suivant) Tj ET\n",
		// 2-byte strings as dompdf writes them, one text object per line.
		"q 0 0 0 rg\n" +
			"BT 22.5 800 Td /F2 9.8 Tf [" + pdfTestHex("Deuxième page synthétique, texte de la représentante") + "] TJ ET\n" +
			"BT 22.5 785.6 Td /F2 9.8 Tf [" + pdfTestHex("légale ; fin.") + "] TJ ET\nQ\n",
	}
	pdfTestWant = "SYNTHÈSE TEST\n\n" +
		"Texte synthétique de test\nligne suivante\nsans espace en fin de\nligne\n\n" +
		"Nouveau paragraphe synthétique\nmot suivant\n\n" +
		"Deuxième page synthétique, texte de la représentante\nlégale ; fin."
)

// pdfTestWrite writes data to a file in a fresh temporary directory.
func pdfTestWrite(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pdfTestEncrypt encrypts a PDF with pdfcpu.
func pdfTestEncrypt(t testing.TB, plain []byte, conf *model.Configuration) []byte {
	t.Helper()
	api.DisableConfigDir()
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(plain), &out, conf); err != nil {
		t.Fatalf("pdfcpu encrypt: %v", err)
	}
	return out.Bytes()
}

func TestExtractPDFSynthetic(t *testing.T) {
	path := pdfTestWrite(t, "synthetic.pdf", pdfTestBuild(pdfTestPages...))
	got, err := ExtractPDF(path)
	if err != nil {
		t.Fatalf("ExtractPDF: %v", err)
	}
	if got != pdfTestWant {
		t.Errorf("ExtractPDF:\n got %q\nwant %q", got, pdfTestWant)
	}
}

func TestExtractPDFOwnerPasswordOnly(t *testing.T) {
	path := pdfTestWrite(t, "owner.pdf", pdfTestBuildRC4("synthetic-owner", pdfTestPages...))
	got, err := ExtractPDF(path)
	if err != nil {
		t.Fatalf("ExtractPDF: %v", err)
	}
	if got != pdfTestWant {
		t.Errorf("ExtractPDF:\n got %q\nwant %q", got, pdfTestWant)
	}
	data, _ := os.ReadFile(path)
	if bytes.Contains(data, []byte("Texte")) || bytes.Contains(data, []byte("Identity)")) {
		t.Fatal("the fixture is not encrypted")
	}
}

func TestExtractPDFErrors(t *testing.T) {
	valid := pdfTestBuild(pdfTestPages...)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty.pdf", nil, ErrEmpty},
		{"junk.pdf", []byte("synthetic junk, not a PDF at all\n\x00\x01\x02"), ErrCorrupt},
		{"truncated.pdf", valid[:len(valid)/2], ErrCorrupt},
		{"image-only.pdf", pdfTestBuild("q 100 0 0 100 72 600 cm /Im1 Do Q\n", ""), ErrNoText},
		{"no-pages.pdf", pdfTestBuild(), ErrEmpty},
		{"user-password-rc4.pdf", pdfTestEncrypt(t, valid, model.NewRC4Configuration("synthetic-user", "synthetic-owner", 128)), ErrEncrypted},
		{"user-password-aes128.pdf", pdfTestEncrypt(t, valid, model.NewAESConfiguration("synthetic-user", "synthetic-owner", 128)), ErrEncrypted},
		{"user-password-aes256.pdf", pdfTestEncrypt(t, valid, model.NewAESConfiguration("synthetic-user", "synthetic-owner", 256)), ErrEncrypted},
		{"pdf-2.0.pdf", append([]byte("%PDF-2.0\n"), valid[9:]...), ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := pdfTestWrite(t, tt.name, tt.data)
			got, err := ExtractPDF(path)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ExtractPDF = %q, %v; want error %v", got, err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.name) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
	if _, err := ExtractPDF(filepath.Join(t.TempDir(), "missing.pdf")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v, want os.ErrNotExist", err)
	}
}

// Malformed content streams give what text can be read, or a sentinel
// error; a panic of the library while interpreting them is recovered.
func TestExtractPDFBadContentDoesNotPanic(t *testing.T) {
	for i, content := range []string{
		"BT /F1 12 Tf 72 700 Td [(a) 5 0 R (b)] TJ ET", // indirect reference in content
		"BT /F9 12 Tf 72 700 Td (no such font) Tj ET",
		"BT /F1 12 Tf (( unbalanced Tj ET",
		"q q q Q Q Q Q Q cm cm Tm Td TD TJ Tj ' \" Do Tf BT ET",
		"BT /F1 12 Tf 0 0 0 0 0 0 Tm (degenerate matrix) Tj ET",
	} {
		path := pdfTestWrite(t, fmt.Sprintf("bad-%d.pdf", i), pdfTestBuild(content))
		got, err := ExtractPDF(path)
		if err != nil && !errors.Is(err, ErrNoText) && !errors.Is(err, ErrCorrupt) {
			t.Errorf("%q: ExtractPDF = %q, %v; want text, ErrNoText or ErrCorrupt", content, got, err)
		}
	}
}

func TestPDFJoinLetterSpaced(t *testing.T) {
	// Words of a line as (text, x0, x1), size 10, letters 6 wide.
	mk := func(spec string, gaps ...float64) []pdfWord {
		var ws []pdfWord
		x := 0.0
		for i, f := range strings.Fields(spec) {
			if i > 0 {
				x += gaps[min(i-1, len(gaps)-1)]
			}
			ws = append(ws, pdfWord{text: f, x0: x, x1: x + 6, size: 10})
			x += 6
		}
		return ws
	}
	text := func(ws []pdfWord) string {
		var s []string
		for _, w := range ws {
			s = append(s, w.text)
		}
		return strings.Join(s, " ")
	}
	tests := []struct {
		name string
		in   []pdfWord
		want string
	}{
		{"two words", mk("R É P U B L I Q U E F R A N Ç A I S E", 3, 3, 3, 3, 3, 3, 3, 3, 3, 9, 3), "RÉPUBLIQUE FRANÇAISE"},
		{"uniform gaps", mk("R É P U B L I Q U E F R A N Ç A I S E", 3), "RÉPUBLIQUEFRANÇAISE"},
		{"short run kept", mk("il y a à", 3), "il y a à"},
		{"letters far apart", mk("A B C D E", 20), "A B C D E"},
		{"inside a line", mk("voir A R T I C L E 3", 3), "voir ARTICLE 3"},
	}
	for _, tt := range tests {
		if got := text(pdfJoinLetterSpaced(tt.in)); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

// pdfTestWords splits text into words, leaving out underscore rules, which
// ExtractPDF drops on purpose.
func pdfTestWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		if !pdfIsRule(w) {
			out = append(out, w)
		}
	}
	return out
}

// pdfTestLCS returns the length of the longest common subsequence of a and
// b. Words are interned; Myers' O((N+M)·D) algorithm is fast when the two
// texts mostly agree, and the O(N·M) two-row dynamic programme takes over
// when they do not.
func pdfTestLCS(a, b []string) int {
	ids := map[string]int32{}
	intern := func(ws []string) []int32 {
		out := make([]int32, len(ws))
		for i, w := range ws {
			id, ok := ids[w]
			if !ok {
				id = int32(len(ids))
				ids[w] = id
			}
			out[i] = id
		}
		return out
	}
	x, y := intern(a), intern(b)
	if n, ok := pdfTestLCSMyers(x, y, 2000); ok {
		return n
	}
	return pdfTestLCSDP(x, y)
}

// pdfTestLCSMyers finds the shortest edit script (insertions and deletions)
// with at most maxD edits; LCS = (N+M-D)/2. ok is false past maxD.
func pdfTestLCSMyers(a, b []int32, maxD int) (lcs int, ok bool) {
	n, m := len(a), len(b)
	off := n + m + 1
	v := make([]int, 2*off+1)
	for d := 0; d <= min(n+m, maxD); d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: insertion
			} else {
				x = v[off+k-1] + 1 // right: deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				return (n + m - d) / 2, true
			}
		}
	}
	return 0, false
}

// pdfTestLCSDP is the classic dynamic programme on two rows.
func pdfTestLCSDP(x, y []int32) int {
	prev := make([]int32, len(y)+1)
	cur := make([]int32, len(y)+1)
	for _, xi := range x {
		for j, yj := range y {
			switch {
			case xi == yj:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return int(prev[len(y)])
}

func TestPDFTestLCS(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"a b c", "a b c", 3},
		{"a b c d", "b d", 2},
		{"a x b y c", "a b c", 3},
		{"c b a", "a b c", 1},
		{"a b c", "", 0},
		{"a b a b a b", "b a b a", 4},
	} {
		if got := pdfTestLCS(strings.Fields(tt.a), strings.Fields(tt.b)); got != tt.want {
			t.Errorf("LCS(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		// Both algorithms agree, including Myers giving up early.
		x, y := pdfTestInts(tt.a), pdfTestInts(tt.b)
		if got := pdfTestLCSDP(x, y); got != tt.want {
			t.Errorf("LCSDP(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got, ok := pdfTestLCSMyers(x, y, 1); ok && got != tt.want {
			t.Errorf("LCSMyers(%q, %q, 1) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// pdfTestInts maps the words of s (single letters) to their bytes.
func pdfTestInts(s string) []int32 {
	var out []int32
	for _, w := range strings.Fields(s) {
		out = append(out, int32(w[0]))
	}
	return out
}

// pdfTestRealFiles lists the real PDFs, or skips the test.
func pdfTestRealFiles(tb testing.TB) []string {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(pdfTestRealDir, "*.pdf"))
	if len(files) == 0 {
		tb.Skipf("no real PDFs in %s (the shared corpus is not beside the repository)", pdfTestRealDir)
	}
	return files
}

// TestExtractPDFAgreesWithPoppler measures, for each real PDF, the share of
// poppler's words (pdftotext, reading order) that ExtractPDF gives in the
// same order: LCS(ours, pdftotext) / len(pdftotext words), the running
// headers and footers ExtractPDF leaves out taken out of poppler's words
// too (see pdfTestAgreement).
func TestExtractPDFAgreesWithPoppler(t *testing.T) {
	files := pdfTestRealFiles(t)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			agreement, got, report := pdfTestAgreement(t, f, false)
			t.Log(report)
			if agreement < 0.98 {
				t.Errorf("agreement with pdftotext %.4f < 0.98", agreement)
			}
			if strings.Contains(got, "représentantelégale") {
				t.Errorf("words fused across lines")
			}
			if strings.Contains(got, "Page 2 /") {
				t.Errorf("page footer kept")
			}
		})
	}
}

func FuzzExtractPDF(f *testing.F) {
	valid := pdfTestBuild(pdfTestPages...)
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add(pdfTestBuild("q 100 0 0 100 72 600 cm /Im1 Do Q\n"))
	f.Add(pdfTestBuild("BT /F1 12 Tf [(a) -300 (b)] TJ ET"))
	f.Add([]byte("%PDF-1.4\n%%EOF\n"))
	f.Add([]byte{})
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.pdf")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		text, err := ExtractPDF(path) // must not panic
		if err == nil && text == "" {
			t.Errorf("no error and no text")
		}
	})
}

func BenchmarkExtractPDF(b *testing.B) {
	for _, f := range pdfTestRealFiles(b) {
		fi, err := os.Stat(f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(f), func(b *testing.B) {
			b.SetBytes(fi.Size())
			for b.Loop() {
				if _, err := ExtractPDF(f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestExtractPDFEncryption reads PDFs protected by an owner password only,
// whatever the algorithm, and reports those that need a password to open,
// naming the file. The synthetic PDF is encrypted by pdfcpu and, when it is
// installed, by qpdf.
func TestExtractPDFEncryption(t *testing.T) {
	plain := pdfTestWrite(t, "plain.pdf", pdfTestBuild(pdfTestPages...))
	data, err := os.ReadFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	type encCase struct {
		name     string
		data     func(t *testing.T) []byte
		needsPwd bool
	}
	pdfcpuCase := func(name string, conf *model.Configuration, needsPwd bool) encCase {
		return encCase{name, func(t *testing.T) []byte { return pdfTestEncrypt(t, data, conf) }, needsPwd}
	}
	qpdf, qerr := exec.LookPath("qpdf")
	qpdfCase := func(name, user string, args ...string) encCase {
		return encCase{name, func(t *testing.T) []byte {
			if qerr != nil {
				t.Skip("qpdf not found: apt-get install -y qpdf to encrypt with it")
			}
			out := filepath.Join(t.TempDir(), "out.pdf")
			argv := append([]string{"--allow-weak-crypto", "--encrypt", user, "synthetic-owner"}, args...)
			argv = append(argv, "--", plain, out)
			if b, err := exec.Command(qpdf, argv...).CombinedOutput(); err != nil {
				t.Fatalf("qpdf %v: %v\n%s", argv, err, b)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}, user != ""}
	}
	cases := []encCase{
		{"handwritten-rc4-128-r3", func(*testing.T) []byte { return pdfTestBuildRC4("synthetic-owner", pdfTestPages...) }, false},
		pdfcpuCase("pdfcpu-rc4-40", model.NewRC4Configuration("", "synthetic-owner", 40), false),
		pdfcpuCase("pdfcpu-rc4-128", model.NewRC4Configuration("", "synthetic-owner", 128), false),
		pdfcpuCase("pdfcpu-aes-128", model.NewAESConfiguration("", "synthetic-owner", 128), false),
		pdfcpuCase("pdfcpu-aes-256", model.NewAESConfiguration("", "synthetic-owner", 256), false),
		qpdfCase("qpdf-rc4-40", "", "40"),
		qpdfCase("qpdf-rc4-128", "", "128", "--use-aes=n"),
		qpdfCase("qpdf-aes-128", "", "128", "--use-aes=y"),
		qpdfCase("qpdf-aes-256-r6", "", "256"),
		pdfcpuCase("user-pdfcpu-rc4-128", model.NewRC4Configuration("synthetic-user", "synthetic-owner", 128), true),
		pdfcpuCase("user-pdfcpu-aes-256", model.NewAESConfiguration("synthetic-user", "synthetic-owner", 256), true),
		qpdfCase("user-qpdf-rc4-40", "synthetic-user", "40"),
		qpdfCase("user-qpdf-aes-128", "synthetic-user", "128", "--use-aes=y"),
		qpdfCase("user-qpdf-aes-256-r6", "synthetic-user", "256"),
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			enc := c.data(t)
			if bytes.Contains(enc, []byte("Texte")) || !bytes.Contains(enc, []byte("/Encrypt")) {
				t.Fatal("the fixture is not encrypted")
			}
			path := pdfTestWrite(t, c.name+".pdf", enc)
			got, err := ExtractPDF(path)
			if c.needsPwd {
				if !errors.Is(err, ErrEncrypted) || !strings.Contains(err.Error(), c.name+".pdf") {
					t.Errorf("ExtractPDF = %q, %v; want ErrEncrypted naming the file", got, err)
				}
				return
			}
			if err != nil || got != pdfTestWant {
				t.Errorf("ExtractPDF = %q, %v; want the plain text", got, err)
			}
		})
	}
}

// pdfTestColumns draws synthetic lines in Helvetica 10 at x, from y down
// by 12 points.
func pdfTestColumns(x, y float64, lines ...string) string {
	var b strings.Builder
	for i, l := range lines {
		fmt.Fprintf(&b, "BT /F1 10 Tf %.1f %.1f Td %s Tj ET\n", x, y-12*float64(i), pdfTestLatin1(l))
	}
	return b.String()
}

// Two columns whose lines share their baselines, under a title spanning
// both, with a running header and page numbers on each page: the left
// column is read first, the paragraph that goes on in the right column is
// kept whole, the hyphenated words are rejoined and the running lines left
// out.
func TestExtractPDFTwoColumns(t *testing.T) {
	words := []string{"", "une", "deux", "trois"}
	page := func(n int) string {
		w := words[n]
		return pdfTestColumns(72, 800, fmt.Sprintf("BULLETIN SYNTHÉTIQUE DE TEST N° %d", 40+n)) +
			pdfTestColumns(72, 760, "Titre synthétique qui couvre les deux colonnes de la page "+w) +
			pdfTestColumns(72, 730,
				"Premier paragraphe synthé-",
				"tique de la colonne gauche,",
				"écrit pour le test du lec-",
				"teur de colonnes ; il se",
				"poursuit dans la colonne") +
			pdfTestColumns(320, 730,
				"droite sans interruption.",
				"Second paragraphe : le",
				"porte-parole et le vingt-",
				"cinq restent avec leurs",
				"traits d'union, page "+w+".") +
			pdfTestColumns(290, 60, fmt.Sprintf("- %d -", n))
	}
	path := pdfTestWrite(t, "columns.pdf", pdfTestBuild(page(1), page(2), page(3)))
	got, err := ExtractPDF(path)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, w := range words[1:] {
		want = append(want, "Titre synthétique qui couvre les deux colonnes de la page "+w+"\n\n"+
			"Premier paragraphe synthétique\nde la colonne gauche,\nécrit pour le test du lecteur\nde colonnes ; il se\npoursuit dans la colonne\n"+
			"droite sans interruption.\nSecond paragraphe : le\nporte-parole et le vingt-cinq\nrestent avec leurs\ntraits d'union, page "+w+".")
	}
	if got != strings.Join(want, "\n\n") {
		t.Errorf("ExtractPDF:\n got %q\nwant %q", got, strings.Join(want, "\n\n"))
	}
}

func TestPDFHyphenJoin(t *testing.T) {
	for _, tt := range []struct {
		in, want string
	}{
		{"de l'héberge-\nment des victimes", "de l'hébergement\ndes victimes"},
		{"d’at-\nteindre", "d’atteindre"},
		{"Proto-\ncole,", "Protocole,"},
		{"le porte-\nparole", "le porte-parole"},
		{"vingt-\ncinq ans", "vingt-cinq\nans"},
		{"l'article 225-\n4-1 du code", "l'article 225-4-1\ndu code"},
		{"Jean-\nPierre", "Jean-Pierre"},
		{"celle-\nci est", "celle-ci\nest"},
		{"c'est-à-\ndire", "c'est-à-dire"},
		{"le procès-\nverbal", "le procès-verbal"},
		{"non-\nobstant", "nonobstant"},
		{"I. -\nLa traite", "I. -\nLa traite"},
		{"traite -\n« texte »", "traite -\n« texte »"},
		{"exploi-\ntation.", "exploitation."},
		{"soft\u00ad\nhyphen", "softhyphen"},
		{"in\u00adside", "inside"},
		{"dernière ligne-\n\nparagraphe", "dernière ligne-\n\nparagraphe"},
	} {
		if got := pdfDehyphenate(tt.in); got != tt.want {
			t.Errorf("pdfDehyphenate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPDFContinues(t *testing.T) {
	for _, tt := range []struct {
		prev, next string
		want       bool
	}{
		{"il se poursuit dans la", "colonne droite", true},
		{"fin de phrase.", "nouvelle phrase", false},
		{"énumération :", "a) premier", false},
		{"sans point", "Majuscule", false},
		{"coupé au trait d'un-", "ion", true},
		{"", "x", false},
	} {
		if got := pdfContinues(tt.prev, tt.next); got != tt.want {
			t.Errorf("pdfContinues(%q, %q) = %v", tt.prev, tt.next, got)
		}
	}
}
