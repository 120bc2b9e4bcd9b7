import { JalonError } from '../domain/errors.js';

/** Why a file was refused. */
export type DocumentProblem =
  | 'too_large'
  | 'unsupported'
  | 'encrypted'
  | 'corrupt'
  | 'no_text'
  | 'duplicate'
  | 'name_taken'
  | 'not_found'
  | 'shipped'
  | 'invalid';

/**
 * A refused document: the French message names the file and says what to do; nothing of it was
 * stored. The CLI exits with code 2 on these.
 */
export class DocumentError extends JalonError {
  readonly problem: DocumentProblem;
  readonly file: string;
  /** The field a person typed wrong (a form shows the message there). */
  readonly field: DocumentField | undefined;
  /** The French sentence without the file name (a form shows it under the field). */
  readonly detail: string;

  constructor(problem: DocumentProblem, file: string, detail: string, userDetail: string, field?: DocumentField) {
    super(problem === 'not_found' ? 'not_found' : 'invalid_input', `${file}: ${detail}`, `${file} : ${userDetail}`);
    this.name = 'DocumentError';
    this.problem = problem;
    this.file = file;
    this.field = field;
    this.detail = userDetail;
  }
}

/** What a person may give or correct about a document. */
export type DocumentField = 'title' | 'date' | 'url' | 'kind' | 'publisher';
