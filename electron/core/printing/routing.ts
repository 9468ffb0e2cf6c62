/**
 * Where each document prints: the one routing rule, in one place. A document
 * goes to the profile for its type; a type no profile takes goes to the label
 * profile (the default), so a station with one thermal printer prints
 * everything there, as it always did, and adding a laser profile for slips or
 * documents moves just those.
 *
 * Pure: it reads a list of profiles and answers; the Printers screen shows the
 * same answer (`PrintProfilesView.routes`) that printing follows.
 */
import {
  DOCUMENT_TYPES,
  type DocumentRoute,
  type DocumentType,
  type PrintProfile,
  type PrintProfilesView,
} from '../../../shared/domain/printing';

export type ProfileList = Pick<PrintProfilesView, 'profiles' | 'defaultProfileId'>;

export interface Route {
  profile: PrintProfile;
  /** True when no profile has this type and the label profile stands in for it. */
  fallback: boolean;
}

/**
 * The profile of a type: the default profile when it has that type (so "Use for labels" picks among several
 * label profiles), else the first of that type in the packer's list.
 */
function profileOfType(list: ProfileList, type: DocumentType): PrintProfile | undefined {
  const chosen = list.profiles.find((p) => p.id === list.defaultProfileId);
  return chosen?.documentType === type ? chosen : list.profiles.find((p) => p.documentType === type);
}

/**
 * The label profile: the default one when it prints labels, else the first label profile, else (no profile
 * prints labels) the default one, so labels still print somewhere. Null only when there is no profile at all.
 */
export function labelProfile(list: ProfileList): PrintProfile | null {
  return profileOfType(list, 'label') ?? list.profiles.find((p) => p.id === list.defaultProfileId) ?? list.profiles[0] ?? null;
}

/** Where a document of this type prints; null only when there is no profile at all. */
export function routeDocument(type: DocumentType, list: ProfileList): Route | null {
  const own = profileOfType(list, type);
  if (own) return { profile: own, fallback: false };
  const label = labelProfile(list);
  return label ? { profile: label, fallback: true } : null;
}

/** Every type's route, for the Printers screen ("Packing slips → Office laser"). */
export function routingTable(list: ProfileList): Record<DocumentType, DocumentRoute | null> {
  const table = {} as Record<DocumentType, DocumentRoute | null>;
  for (const type of DOCUMENT_TYPES) {
    const route = routeDocument(type, list);
    table[type] = route ? { profileId: route.profile.id, fallback: route.fallback } : null;
  }
  return table;
}

/**
 * A label's pages that are not labels (a commercial invoice page, say) go to the documents profile when there is
 * one that is not the label's own; otherwise (null) they stay with the label, in the same job, as they always did.
 */
export function documentPagesRoute(list: ProfileList, label: PrintProfile): Route | null {
  const route = routeDocument('document', list);
  return route && !route.fallback && route.profile.id !== label.id ? route : null;
}
