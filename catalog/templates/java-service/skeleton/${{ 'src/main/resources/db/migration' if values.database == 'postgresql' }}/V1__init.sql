-- First migration of ${{ values.name }}; Flyway runs it at start-up.
create table if not exists service_info (
    name varchar(100) primary key,
    created_at timestamp not null default now()
);
insert into service_info (name) values ('${{ values.name }}');
