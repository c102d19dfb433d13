/**
 * The words each script shows, as the scripts need them. The words themselves live with their
 * pages (FORM_SCRIPT_TEXT in form.ts, CONFIRM_SCRIPT_TEXT in confirm.ts, CONSOLE_SCRIPT_TEXT in
 * console.ts), so both languages of a page are edited in one place; build-assets.ts checks them
 * against these types and hands them to the bundle as `PAGE_TEXT`.
 */
import type { Lang } from './text';

export type Words<T> = Readonly<Record<Lang, T>>;

export interface FieldWords { readonly required?: string; readonly tooLong?: string; readonly invalid?: string }

export interface FormWords {
  readonly summaryHeading: string;
  readonly errorPrefix: string;
  readonly sending: string;
  readonly fields: Readonly<Record<string, FieldWords>>;
  readonly invalidGeneric: string;
  readonly badRequest: string;
  readonly tooLarge: string;
  readonly tooMany: string;
  readonly failed: string;
  readonly network: string;
  readonly contactAfter: string;
  readonly done: {
    readonly heading: string;
    readonly next: string;
    readonly steps: readonly string[];
    readonly reference: string;
    readonly hoursOne: string;
    readonly hoursMany: string;
  };
}

export interface ConfirmWords {
  readonly sending: string;
  readonly done: { readonly heading: string; readonly paragraphs: readonly string[] };
  readonly invalid: { readonly heading: string; readonly paragraphs: readonly string[]; readonly link: string };
  readonly tooMany: string;
  readonly failed: string;
  readonly network: string;
}

type Names = Readonly<Record<string, string>>;

export interface ConsoleWords {
  readonly types: Names;
  readonly statuses: Names;
  readonly objections: Names;
  readonly fields: Names;
  readonly holds: Names;
  readonly languages: Names;
  readonly signedInAs: string;
  readonly roleLabel: string;
  readonly roles: { readonly decider: string; readonly viewer: string };
  readonly signOut: string;
  readonly tokenRequired: string;
  readonly tokenMalformed: string;
  readonly tokenRejected: string;
  readonly sessionEnded: string;
  readonly signedOut: string;
  readonly noAccess: { readonly heading: string; readonly text: string };
  readonly forbidden: string;
  readonly hosted: {
    readonly redirecting: string;
    readonly completing: string;
    readonly cancelled: string;
    readonly failed: string;
    readonly rejected: string;
    readonly unsupported: string;
  };
  readonly errorPrefix: string;
  readonly loading: string;
  readonly failed: string;
  readonly network: string;
  readonly list: {
    readonly title: string;
    readonly heading: string;
    readonly filterLabel: string;
    readonly open: string;
    readonly all: string;
    readonly show: string;
    readonly captionOpen: string;
    readonly captionAll: string;
    readonly captionStatus: string;
    readonly countOne: string;
    readonly countMany: string;
    readonly empty: string;
    readonly columns: { readonly type: string; readonly status: string; readonly received: string; readonly due: string; readonly left: string; readonly id: string };
  };
  readonly days: {
    readonly overdue: string;
    readonly overdueOne: string;
    readonly overdueMany: string;
    readonly soon: string;
    readonly today: string;
    readonly leftOne: string;
    readonly leftMany: string;
    readonly closed: string;
  };
  readonly request: {
    readonly title: string;
    readonly back: string;
    readonly refresh: string;
    readonly reference: string;
    readonly notFound: string;
    readonly refreshed: string;
    readonly working: Names;
    readonly sections: {
      readonly details: string; readonly subject: string; readonly holds: string; readonly seal: string;
      readonly actions: string; readonly customer: string; readonly audit: string;
    };
    readonly labels: {
      readonly type: string; readonly language: string; readonly status: string; readonly received: string; readonly due: string;
      readonly left: string; readonly verified: string; readonly register: string; readonly extension: string; readonly decision: string;
      readonly name: string; readonly email: string; readonly details: string; readonly changes: string; readonly objections: string;
      readonly signature: string; readonly signedAt: string; readonly rectification: string;
    };
    readonly register: { readonly found: string; readonly none: string; readonly pending: string };
    readonly extension: string;
    readonly decisions: Names;
    readonly decisionLine: string;
    readonly decisionReason: string;
    readonly change: string;
    readonly changeReason: string;
    readonly beforeAfter: string;
    readonly minimised: string;
    readonly noDetails: string;
    readonly holdsNone: string;
    readonly holdUntil: string;
    readonly holdOpenEnded: string;
    readonly holdInvoices: string;
    readonly sealLabel: string;
    readonly chainLabel: string;
    readonly ok: string;
    readonly broken: string;
    readonly notSealed: string;
    readonly sealOk: string;
    readonly sealBad: string;
    readonly sealNone: string;
    readonly chainOk: string;
    readonly chainBad: string;
    readonly auditCaption: string;
    readonly auditColumns: { readonly time: string; readonly event: string; readonly actor: string };
    readonly actors: Names;
    readonly events: Names;
    readonly mailTo: Names;
  };
  readonly actions: {
    readonly intro: string;
    readonly viewerNote: string;
    readonly approveHeading: string;
    readonly approveHint: string;
    readonly approve: string;
    readonly refuseHeading: string;
    readonly refuseReason: string;
    readonly refuseHint: string;
    readonly refuse: string;
    readonly extendHeading: string;
    readonly extendReason: string;
    readonly extendHint: string;
    readonly extend: string;
    readonly required: string;
    readonly reasonRequired: string;
    readonly sending: string;
    readonly done: { readonly approve: string; readonly refuse: string; readonly extend: string };
    readonly errors: Names;
  };
  readonly customer: {
    readonly show: string;
    readonly reload: string;
    readonly notFound: string;
    readonly labels: {
      readonly customerId: string; readonly name: string; readonly organization: string; readonly email: string; readonly phone: string;
      readonly website: string; readonly address: string; readonly ipAddresses: string; readonly relationship: string;
      readonly restricted: string; readonly suppressions: string; readonly orders: string; readonly openInvoices: string;
    };
    readonly organizationContact: string;
    readonly relationshipActive: string;
    readonly relationshipEnded: string;
    readonly restrictedBadge: string;
    readonly yes: string;
    readonly no: string;
    readonly none: string;
  };
}
