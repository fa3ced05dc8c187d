// A deterministic, seeded catalogue of IMS images that uses every documented field and value
// family. The same seed always gives the same images, so tests can compute expectations from it.

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const OWNERS = ['1bed856811654c1cb661a6ca845ebc77', 'a1b2c3d4e5f60718293a4b5c6d7e8f90', '0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'c0ffee00c0ffee00c0ffee00c0ffee00'];
/** The project the emulator answers for (its "own" project). */
export const SELF = OWNERS[1];
/** Enterprise projects the emulator's project is granted (`enterprise_project_id=all_granted_eps`). */
export const ENTERPRISE_PROJECTS = ['0', '6d3ac0c2-3a0e-4a8b-9b4c-0b6ad1f0c001', 'b7f3a1e9-1c2d-4e5f-8a9b-0c1d2e3f4a5b'];
/** An enterprise project some images belong to that the emulator's project is not granted. */
export const NOT_GRANTED_PROJECT = 'e0e0e0e0-0000-4000-a000-00000000dead';
export const TAGS = ['env=prod', 'env=test', 'team.web', 'team.db', 'a.b', 'gpu', 'hana', 'owner=ops'];
const LINUX = ['Ubuntu', 'Red Hat', 'SUSE', 'CentOS', 'Debian', 'OpenSUSE', 'Oracle Linux', 'Fedora', 'CoreOS', 'EulerOS'];
/** Flavors the `flavor_id` filter knows: the image must fit in RAM and match the architecture. */
export const FLAVORS = {
  's6.small.1': { ram: 1024, arch: 'x86' },
  's6.large.2': { ram: 4096, arch: 'x86' },
  'c7.2xlarge.4': { ram: 32768, arch: 'x86' },
  'kc1.large.2': { ram: 4096, arch: 'arm' },
  'kc1.xlarge.4': { ram: 16384, arch: 'arm' },
};

const pick = (r, list) => list[Math.floor(r() * list.length)];
const hex = (r, n) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
const uuid = (r) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * `count` images. Internal fields start with `$` and are never sent: `$member` is the member
 * status of a shared image for the emulator's own project; `$arch` its architecture.
 */
export function catalogue({ seed = 42, count = 2000 } = {}) {
  const r = prng(seed);
  const start = Date.UTC(2017, 0, 1);
  const span = Date.UTC(2024, 11, 31) - start;
  const images = [];
  for (let i = 0; i < count; i++) {
    const id = uuid(r);
    const imagetype = ['gold', 'private', 'shared', 'market'][i % 4];
    const osType = i % 10 < 6 ? 'Linux' : i % 10 < 9 ? 'Windows' : 'Other';
    const platform = osType === 'Linux' ? LINUX[Math.floor(i / 10) % LINUX.length] : osType;
    const arch = r() < 0.25 ? 'arm' : 'x86';
    const env = ['FusionCompute', 'FusionCompute', 'FusionCompute', 'DataImage', 'Ironic', 'IsoImage'][i % 6];
    const created = start + Math.floor(r() * span / 1000) * 1000;
    const updated = created + Math.floor(r() * 400 * 86400) * 1000;
    const owner = imagetype === 'gold' || imagetype === 'market' ? OWNERS[0] : imagetype === 'private' ? SELF : pick(r, OWNERS.filter((o) => o !== SELF));
    const minRam = pick(r, [0, 0, 1024, 2048, 4096, 8192]);
    const bits = osType === 'Other' ? pick(r, ['32', '64']) : r() < 0.15 ? '32' : '64';
    const imageSize = 1_073_741_824 + Math.floor(r() * 50) * 1_048_576;
    const img = {
      id,
      name: `${platform} ${i % 7 === 0 ? 'Server' : 'Image'} ${1 + (i % 23)}.${i % 10} ${bits}bit${i % 97 === 0 ? ' 中文' : ''}`,
      status: i % 50 === 0 ? pick(r, ['queued', 'saving', 'killed', 'deleted']) : 'active',
      visibility: imagetype === 'private' ? 'private' : imagetype === 'shared' ? 'shared' : 'public',
      owner,
      protected: imagetype === 'gold',
      // Bare, as IMS documents it; a few OVF ones so a container_format filter has something to leave out.
      container_format: i % 9 === 4 ? 'ovf' : 'bare',
      disk_format: env === 'IsoImage' ? 'iso' : pick(r, ['zvhd2', 'zvhd2', 'vhd', 'zvhd', 'raw', 'qcow2']),
      min_ram: minRam,
      min_disk: env === 'DataImage' ? 0 : 40 + Math.floor(r() * 985),
      size: imageSize,
      virtual_size: null,
      checksum: hex(r, 32),
      created_at: iso(created),
      updated_at: iso(updated),
      active_at: iso(created + 60_000),
      file: `/v2/images/${id}/file`,
      self: `/v2/images/${id}`,
      schema: '/v2/schemas/image',
      tags: TAGS.filter(() => r() < 0.2),
      __imagetype: imagetype,
      __isregistered: r() < 0.95 ? 'true' : 'false',
      __os_type: osType,
      __platform: platform,
      __os_bit: bits,
      __os_version: `${platform} ${1 + (i % 23)} ${bits}bit`,
      __description: i % 3 === 0 ? `seeded image ${i}` : '',
      __image_source_type: 'uds',
      __image_size: String(imageSize),
      __lazyloading: pick(r, ['true', 'false', 'True', 'False']),
      __sequence_num: '0',
      virtual_env_type: env,
      hw_firmware_type: arch === 'arm' || r() < 0.3 ? 'uefi' : 'bios',
      hw_vif_multiqueue_enabled: r() < 0.5 ? 'true' : 'false',
      __support_arm: arch === 'arm' ? 'true' : 'false',
      __support_amd: arch === 'x86' && r() < 0.2 ? 'true' : 'false',
      __is_config_init: r() < 0.5 ? 'true' : 'false',
      $member: imagetype === 'shared' ? pick(r, ['accepted', 'rejected', 'pending']) : undefined,
      $arch: arch,
    };
    if (r() < 0.6) img.__support_kvm = 'true';
    if (r() < 0.2) img.__support_xen = 'true';
    if (r() < 0.1) img.__support_largememory = 'true';
    if (r() < 0.1) img.__support_diskintensive = 'true';
    if (r() < 0.15) img.__support_highperformance = 'true';
    if (r() < 0.05) img.__support_xen_gpu_type = pick(r, ['M60_vGPU', 'P100']);
    if (r() < 0.05) img.__support_kvm_gpu_type = pick(r, ['V100_vGPU', 'T4']);
    if (r() < 0.05) img.__support_xen_hana = 'true';
    if (r() < 0.05) img.__support_kvm_infiniband = 'true';
    if (r() < 0.3) img.__support_fc_inject = pick(r, ['true', 'false']);
    if (r() < 0.7) img.__support_agent_list = pick(r, ['hss,ces', 'hss', 'ces']);
    if (r() < 0.8) img.enterprise_project_id = pick(r, [...ENTERPRISE_PROJECTS, NOT_GRANTED_PROJECT]);
    if (r() < 0.1) img.__whole_image = 'true';
    if (r() < 0.1) img.__system__cmkid = `kms-${hex(r, 8)}`;
    if (imagetype === 'market') {
      img.__productcode = `prod-${hex(r, 6)}`;
      img.__is_offshelved = r() < 0.2 ? 'true' : 'false';
      img.__account_code = `acct-${hex(r, 4)}`;
    }
    if (imagetype === 'private') {
      if (r() < 0.3) img.__root_origin = 'file';
      if (r() < 0.3) img.__backup_id = uuid(r);
      if (r() < 0.3) img.__originalimagename = uuid(r);
      if (r() < 0.3) img.__data_origin = `instance,${uuid(r)}`;
      img.__image_location = `obs-bucket-${hex(r, 4)}`;
    }
    if (r() < 0.02) img.__support_kvm_fpga_type = pick(r, ['VU9P', 'VU9P_COMMON']);
    images.push(img);
  }
  return images;
}

/** An image as the API sends it: without internal `$` fields. */
export function wire(img) {
  const out = {};
  for (const [k, v] of Object.entries(img)) if (!k.startsWith('$')) out[k] = v;
  return out;
}
