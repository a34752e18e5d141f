import { UserError } from '@causeway/sdk';
import { pluginLimits } from './plugin-limits';
import { unpackPluginTarball } from './unpack-plugin-tarball';

/** An upload's parts, not yet checked: the manifest's JSON text, the bundle and, from a tarball, package.json. */
export interface PluginUpload {
  manifest: Uint8Array;
  bundle: Uint8Array;
  packageJson?: Uint8Array;
}

const invalid = (message: string) => new UserError('REQUEST_INVALID', message);

/** The parts of a request an upload is read from (a Hono request caches its body, so validators and this share it). */
export interface UploadRequest {
  contentType: string;
  formData(): Promise<FormData>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * Reads a plugin upload: an npm tarball (`application/gzip`, `application/x-gzip`,
 * `application/octet-stream`) or `multipart/form-data` with `manifest` and `bundle` parts.
 */
export async function readPluginUpload(request: UploadRequest): Promise<PluginUpload> {
  const type = request.contentType.toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw invalid('The multipart body cannot be read.');
    }
    const manifest = await partBytes(form.get('manifest'), 'manifest', pluginLimits.manifestBytes);
    const bundle = await partBytes(form.get('bundle'), 'bundle', pluginLimits.bundleBytes);
    return { manifest, bundle };
  }
  if (/^application\/(gzip|x-gzip|x-tar|octet-stream)\b/.test(type)) {
    const body = new Uint8Array(await request.arrayBuffer());
    if (body.byteLength > pluginLimits.uploadBytes)
      throw new UserError('PAYLOAD_TOO_LARGE', `The tarball is larger than ${pluginLimits.uploadBytes} bytes.`);
    const files = await unpackPluginTarball(body);
    if (files.manifest.byteLength > pluginLimits.manifestBytes)
      throw invalid(`causeway-plugin.json is larger than ${pluginLimits.manifestBytes} bytes.`);
    if (files.packageJson.byteLength > pluginLimits.manifestBytes)
      throw invalid(`package.json is larger than ${pluginLimits.manifestBytes} bytes.`);
    return files;
  }
  throw invalid(
    'Upload a plugin as an npm tarball (content-type application/gzip) or as multipart/form-data with "manifest" and "bundle" parts.',
  );
}

async function partBytes(part: FormDataEntryValue | null, name: string, limit: number): Promise<Uint8Array> {
  if (part === null) throw invalid(`The multipart body has no "${name}" part.`);
  const bytes = typeof part === 'string' ? new TextEncoder().encode(part) : new Uint8Array(await part.arrayBuffer());
  if (bytes.byteLength > limit) throw new UserError('PAYLOAD_TOO_LARGE', `The "${name}" part is larger than ${limit} bytes.`);
  return bytes;
}
