// Realistic IMS list pages for the benchmark: the documented fields, string-typed flags and
// numbers as IMS sends them, a null, a few keys the model does not know. Deterministic.
const PLATFORMS = ['CentOS', 'Ubuntu', 'Windows', 'EulerOS', 'Debian', 'Red Hat'];

/** Image number `i` as a wire object. */
export function wireImage(i) {
  const id = `${(i * 7919).toString(16).padStart(8, '0')}-ba3a-4447-afcc-${i.toString(16).padStart(12, '0')}`;
  const p = PLATFORMS[i % PLATFORMS.length];
  return {
    schema: '/v2/schemas/image', min_disk: 40 + (i % 60), created_at: '2018-09-06T14:03:27Z', __image_source_type: 'uds',
    container_format: 'bare', file: `/v2/images/${id}/file`, updated_at: '2018-09-06T15:17:33Z', protected: true,
    checksum: 'd41d8cd98f00b204e9800998ecf8427e', id, __isregistered: 'true', min_ram: 2048, __lazyloading: 'True',
    owner: '1bed856811654c1cb661a6ca845ebc77', __os_type: 'Linux', __imagetype: 'gold', visibility: 'public',
    virtual_env_type: 'FusionCompute', tags: ['env=prod', `team.${i % 7}`], __platform: p, size: 0, __os_bit: '64',
    __os_version: `${p} 7.3 64bit`, name: `${p} image number ${i}`, self: `/v2/images/${id}`, disk_format: 'zvhd2',
    virtual_size: null, hw_firmware_type: 'bios', status: 'active', __support_kvm: 'true', __support_agent_list: 'hss,ces',
    __image_size: String(10737418240 + i), __support_fc_inject: 'true', enterprise_project_id: '0',
    __support_kvm_fpga_type: 'VU9P', __quick_start: 'false',
  };
}

/** A `/v2/images`-shaped page of images `from .. from + n`, as text. */
export function pageText(from, n) {
  const images = Array.from({ length: n }, (_, k) => wireImage(from + k));
  return JSON.stringify({ images, first: `/v2/images?limit=${n}`, next: `/v2/images?limit=${n}&marker=x`, schema: '/v2/schemas/images' });
}
