-- Issue 13, customers: /addcustomer points out an active or archived customer with the same
-- name or phone before adding (public.customer_duplicates), and /phone adds, changes or
-- removes the selected customer's phone (public.set_customer_phone, logged as phone_changed,
-- undoable).

insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('phone_changed', 'A customer''s phone was added, changed or removed (/phone). Undo puts the old one back.', true, false, null);

create function public.customer_duplicates(p_actor bigint, p_full_name text, p_phone text default null::text) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
    as $$
declare
  v private.acting_member;
  v_key text := private.look_alike_key(p_full_name);
  v_digits text := private.digits_of(p_phone);
  v_rows jsonb;
begin
  v := private.acting_member(p_actor);
  select coalesce(jsonb_agg(r.j order by r.archived, r.same_name desc, r.id), '[]') into v_rows
    from (select c.id, c.archived_at is not null as archived,
                 private.look_alike_key(c.full_name) = v_key as same_name,
                 jsonb_build_object('id', c.id, 'full_name', c.full_name, 'phone', c.phone,
                   'balance', c.balance, 'archived_at', c.archived_at,
                   'same_name', private.look_alike_key(c.full_name) = v_key,
                   'same_phone', v_digits is not null
                                 and (c.phone_digits = v_digits or (c.search_phones || ' ') like '% ' || v_digits || ' %')) as j
            from public.customers as c
           where c.shop_id = v.shop_id and c.merged_into is null
             and (private.look_alike_key(c.full_name) = v_key
                  or (v_digits is not null and char_length(v_digits) >= 3
                      and (c.phone_digits = v_digits or (c.search_phones || ' ') like '% ' || v_digits || ' %')))
           order by c.archived_at is not null, c.id
           limit 3) as r;
  return jsonb_build_object('customers', v_rows, 'shop', private.shop_json(v));
end;
$$;

comment on function public.customer_duplicates(p_actor bigint, p_full_name text, p_phone text) is 'Before adding a customer: up to 3 customers of the shop, active first, then archived (not merged ones), whose name looks the same as p_full_name or who have the phone p_phone, each with same_name and same_phone.';
revoke execute on function public.customer_duplicates(bigint, text, text) from public, anon, authenticated;
grant execute on function public.customer_duplicates(bigint, text, text) to service_role;

create function public.set_customer_phone(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_phone text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
  v_old text;
  v_phone text := nullif(private.clean_text(p_phone), '');
  v_digits text := private.digits_of(p_phone);
  v_same_phone jsonb;
begin
  v_prior := private.begin_update(p_update_id, 'set_customer_phone', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  v_customer := private.active_customer(v, p_customer_id);
  if v_phone is not null and (v_digits is null or char_length(v_digits) not between 3 and 20 or char_length(v_phone) > 40) then
    perform private.fail('phone_invalid', 'A phone number needs 3 to 20 digits.');
  end if;
  if v_phone is null and v_customer.phone is null then
    perform private.fail('phone_missing', 'The customer has no phone to remove.');
  end if;
  if v_phone is not distinct from v_customer.phone then
    perform private.fail('phone_unchanged', 'That is already the customer''s phone.');
  end if;
  if v_digits is not null then
    select jsonb_build_object('id', c.id, 'full_name', c.full_name) into v_same_phone
      from public.customers as c
     where c.shop_id = v.shop_id and c.phone_digits = v_digits and c.archived_at is null and c.id <> v_customer.id
     order by c.id limit 1;
  end if;
  v_old := v_customer.phone;
  update public.customers set phone = v_phone where id = v_customer.id returning * into v_customer;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'phone_changed', p_actor, v_customer.id,
            jsonb_build_object('old_phone', v_old, 'new_phone', v_phone), p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_customer), 'old_phone', v_old,
    'same_phone', v_same_phone, 'shop', private.shop_json(v)));
end;
$$;

comment on function public.set_customer_phone(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_phone text) is 'Adds, changes or (p_phone null or empty) removes a customer''s phone (phone_invalid, phone_missing, phone_unchanged); same_phone names another active customer with that phone. Logged as phone_changed; undo puts the old phone back.';
revoke execute on function public.set_customer_phone(bigint, bigint, bigint, text) from public, anon, authenticated;
grant execute on function public.set_customer_phone(bigint, bigint, bigint, text) to service_role;

create function private.undo_blocker_phone_changed(a public.actions) returns text
    language sql stable
    set search_path to ''
    as $$
  select 'changed_since' from public.customers as c
   where c.id = a.customer_id and c.phone is distinct from a.action_info->>'new_phone'
$$;

comment on function private.undo_blocker_phone_changed(a public.actions) is 'changed_since when the customer''s phone was changed again since, else null.';
revoke execute on function private.undo_blocker_phone_changed(public.actions) from public, anon, authenticated;

create function private.undo_phone_changed(a public.actions) returns public.customers
    language sql
    set search_path to ''
    as $$
  update public.customers set phone = a.action_info->>'old_phone' where id = a.customer_id returning *
$$;

comment on function private.undo_phone_changed(a public.actions) is 'Undoes /phone: puts the old phone back (or none).';
revoke execute on function private.undo_phone_changed(public.actions) from public, anon, authenticated;
