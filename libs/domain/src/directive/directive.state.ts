import type { DirectiveKind, DocumentReference } from '../shared/document-reference';

export type DirectiveStatus = 'none' | 'active' | 'revoked' | 'withdrawn';

export interface DirectiveState {
  readonly status: DirectiveStatus;
  readonly directiveId: string;
  readonly reference: DocumentReference | null;
  readonly kind: DirectiveKind | null;
  readonly issuedOn: string | null;
  readonly issuer: string;
  readonly title: string;
  readonly summary: string | null;
  readonly programmeYear: number | null;
  readonly documentKey: string | null;
  readonly assigningAgency: string | null;
  readonly revokedReason: string | null;
  readonly withdrawnReason: string | null;
}

export const initialDirectiveState: DirectiveState = {
  status: 'none',
  directiveId: '',
  reference: null,
  kind: null,
  issuedOn: null,
  issuer: '',
  title: '',
  summary: null,
  programmeYear: null,
  documentKey: null,
  assigningAgency: null,
  revokedReason: null,
  withdrawnReason: null,
};
