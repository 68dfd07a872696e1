package corpus

// Decryption of PDFs that open without a password.
//
// A PDF "protected" against printing or copying is encrypted with an owner
// password only: anyone may open it, the empty user password unlocks the
// file key (PDF 32000-1 §7.6.3.3, ISO 32000-2 §7.6.4.3). ledongthuc/pdf
// reads RC4 and AES-128 files as written by most producers but not AES-256
// (revision 5 and 6) nor the V4 crypt filters pdfcpu writes; those are
// decrypted here with pdfcpu, a maintained library, into memory, and the
// plain copy is read as usual. No cryptography is implemented here.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// pdfMaxDecrypt bounds the size of a file decrypted in memory.
const pdfMaxDecrypt = 512 << 20

// errPDFUserPassword: the PDF needs a user password to open.
var errPDFUserPassword = errors.New("mot de passe d'ouverture requis")

// pdfcpuOnce keeps pdfcpu from creating its configuration directory in the
// user's home: the default configuration is all we use.
var pdfcpuOnce sync.Once

// pdfDecrypt returns a decrypted copy of the encrypted PDF held in r, size
// bytes long, using the empty user password. Errors wrap ErrEncrypted: a
// PDF that needs a user password to open, or an encryption pdfcpu cannot
// undo either.
func pdfDecrypt(r io.ReaderAt, size int64) (out []byte, err error) {
	if size > pdfMaxDecrypt {
		return nil, fmt.Errorf("%w : fichier chiffré trop grand pour être déchiffré en mémoire (%d octets)", ErrEncrypted, size)
	}
	pdfcpuOnce.Do(api.DisableConfigDir)
	defer func() {
		if x := recover(); x != nil {
			out, err = nil, fmt.Errorf("%w : échec du déchiffrement : %s", ErrEncrypted, oneLine(fmt.Sprint(x)))
		}
	}()
	conf := model.NewDefaultConfiguration()
	conf.UserPW, conf.OwnerPW = "", ""
	conf.ValidationMode = model.ValidationRelaxed
	var b bytes.Buffer
	if err := api.Decrypt(io.NewSectionReader(r, 0, size), &b, conf); err != nil {
		if errors.Is(err, pdfcpu.ErrWrongPassword) {
			return nil, fmt.Errorf("%w (%w)", ErrEncrypted, errPDFUserPassword)
		}
		return nil, fmt.Errorf("%w : déchiffrement impossible : %s", ErrEncrypted, oneLine(err.Error()))
	}
	return b.Bytes(), nil
}
