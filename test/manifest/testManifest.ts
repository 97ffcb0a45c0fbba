// Shared fixtures: the committed manifest and icons, and settings as a test would pass them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PackageSettings } from '../../scripts/package-app';

const MANIFEST_DIR = path.join(__dirname, '..', '..', 'manifest');
export const TEST_APP_ID = '6f1c2a9e-3b7d-4e21-9a5c-0d8e7f4b2c13';
export const TEST_SETTINGS: PackageSettings = { appId: TEST_APP_ID, appVersion: '1.2.3' };

export const readManifestTemplate = (): string => readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8');
export const readIcon = (name: 'color.png' | 'outline.png'): Buffer => readFileSync(path.join(MANIFEST_DIR, name));
