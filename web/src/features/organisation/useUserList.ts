import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import type { Role } from '../../../../shared/roles.ts';
import { listUsers } from './api.ts';
import { useFetch } from '../../ui/useFetch.ts';

export interface UserFilterValues {
  q?: string;
  unitId?: string;
  role?: Role;
}

/** Server-paged user list with filters, shared by 用户管理 and 角色与权限. */
export function useUserList() {
  const [filters, setFiltersState] = useState<UserFilterValues>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const { data, loading, reload } = useFetch((signal) => listUsers({ ...filters, page, pageSize }, signal), [filters, page, pageSize]);

  const setFilters = (next: UserFilterValues) => {
    setFiltersState(next);
    setPage(1);
  };

  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total: data?.total ?? 0,
    showSizeChanger: true,
    showTotal: (t) => `共 ${t} 个用户`,
    onChange: (p, ps) => {
      setPage(ps !== pageSize ? 1 : p);
      setPageSize(ps);
    },
  };

  return { items: data?.items ?? [], loading, reload, filters, setFilters, pagination };
}
