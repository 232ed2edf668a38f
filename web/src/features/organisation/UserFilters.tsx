import { Input, Select, Space } from 'antd';
import type { Role } from '../../../../shared/roles.ts';
import { ROLE_LABELS, optionsOf } from '../../ui/labels.ts';
import type { UserFilterValues } from './useUserList.ts';

export function UserFilters({
  value,
  onChange,
  unitOptions,
}: {
  value: UserFilterValues;
  onChange: (v: UserFilterValues) => void;
  unitOptions: { value: string; label: string }[];
}) {
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Input.Search
        placeholder="搜索用户名或姓名"
        allowClear
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
        onChange={(e) => !e.target.value && value.q && onChange({ ...value, q: undefined })}
        style={{ width: 240 }}
      />
      {unitOptions.length > 0 ? (
        <Select
          placeholder="全部处室"
          aria-label="处室"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={value.unitId}
          onChange={(unitId: string | undefined) => onChange({ ...value, unitId })}
          options={unitOptions}
          style={{ width: 220 }}
        />
      ) : null}
      <Select
        placeholder="全部角色"
        aria-label="角色"
        allowClear
        value={value.role}
        onChange={(role: Role | undefined) => onChange({ ...value, role })}
        options={optionsOf(ROLE_LABELS)}
        style={{ width: 200 }}
      />
    </Space>
  );
}
